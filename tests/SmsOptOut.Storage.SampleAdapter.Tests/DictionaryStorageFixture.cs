using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.SampleAdapter;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>
/// The sample adapter under test. It keeps its data in the service provider, so it is neither durable nor shared; an
/// adapter over a database would start its server in <c>InitializeAsync</c>, return what a worker process needs to reach
/// it from <c>GetWorkerSettings</c>, and keep <c>Durable | Shared</c>. Of the optional contracts it claims all but those
/// it lacks: the guard fails when a claim and the adapter's registrations differ, and the suites of the contracts left
/// out are neither required nor run.
/// </summary>
public sealed class DictionaryStorageFixture : StorageFixture
{
    /// <summary>The optional contracts the sample adapter leaves out.</summary>
    public const StorageCapabilities Lacks = StorageCapabilities.DoNotCallRegistry | StorageCapabilities.ReconciliationCheckpoints
        | StorageCapabilities.Schema | StorageCapabilities.SuppressionCounter | StorageCapabilities.ConsentStatistics
        | StorageCapabilities.Pauses | StorageCapabilities.ConsentLog;

    public override StorageCapabilities Capabilities => StorageContracts.Optional & ~Lacks;

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
}
