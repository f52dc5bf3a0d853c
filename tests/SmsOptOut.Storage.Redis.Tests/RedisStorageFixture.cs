using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>A throwaway Redis server for the run; one key prefix per test store.</summary>
public sealed class RedisStorageFixture : StorageFixture
{
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>The server's working folder (its AOF files).</summary>
    public string Folder { get; private set; } = string.Empty;

    /// <summary>Durable, shared, the suppression snapshot, and every optional contract but the statistics fast path (the counts come from the log).</summary>
    public override StorageCapabilities Capabilities => (base.Capabilities & ~StorageCapabilities.ConsentStatistics) | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<RedisStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UseRedis(o =>
        {
            o.Configuration = Configuration;
            o.KeyPrefix = isolationKey;
        });

    public override async Task<bool> TamperAsync(string isolationKey, SmsOptOut.Consent.AccountId account, string eventId, Tampering tampering)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Configuration);
        return await RedisTampering.TamperAsync(connection.GetDatabase(), "{" + isolationKey + ":a:" + account.Value + "}", eventId, tampering);
    }

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["configuration"] = Configuration };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => Configuration = settings["configuration"];

    public override async Task InitializeAsync()
    {
        var server = await RedisServer.GetAsync();
        UnavailableReason = server.UnavailableReason;
        Configuration = server.Configuration;
        Folder = server.Folder;
    }
}
