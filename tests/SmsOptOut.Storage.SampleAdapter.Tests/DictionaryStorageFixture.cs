using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.SampleAdapter;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>
/// The sample adapter under test. It keeps its data in the service provider, so it is neither durable nor shared and
/// declares no capability; an adapter over a database would start its server in <c>InitializeAsync</c>, return what a
/// worker process needs to reach it from <c>GetWorkerSettings</c>, and declare <c>Durable | Shared</c>.
/// </summary>
public sealed class DictionaryStorageFixture : StorageFixture
{
    public override StorageCapabilities Capabilities => StorageCapabilities.None;

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
}
