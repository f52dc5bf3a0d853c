using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Several processes dispatching one Redis outbox.</summary>
public sealed class RedisMultiInstanceDispatchTests(RedisStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<RedisStorageFixture>(fixture, output)
{
    protected override string StorageName => "redis";

    protected override string WorkerConnection(string isolationKey) => $"{Fixture.Configuration}|{isolationKey}";
}
