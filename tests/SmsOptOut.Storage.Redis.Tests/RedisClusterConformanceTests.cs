using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.DoNotCall;
using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.OptIn;
using SmsOptOut.Storage.ConformanceTests.Privacy;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;
using SmsOptOut.Storage.ConformanceTests;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The Redis adapter on a real three-master Redis Cluster: one key prefix per test store, so the stores' hash tags
/// land on different masters, and each script must reach the master that owns its slot. Every suite the common
/// contract calls for, and the shared ones — two instances, and worker processes contending for writes and outbox claims
/// and dispatching webhooks (one killed midway) — the durability suite, and the crash proof (writing processes killed
/// mid-script) with <see cref="RedisClusterCrashSafetyTests"/>.
/// </summary>
public sealed class RedisClusterFixture : StorageFixture
{
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>
    /// Shared (instances and worker processes reach the same cluster) and durable (every node keeps an append-only file);
    /// the suppression snapshot and every optional contract but the statistics fast path (the counts come from the log).
    /// </summary>
    public override StorageCapabilities Capabilities => (base.Capabilities & ~StorageCapabilities.ConsentStatistics) | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<RedisStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override async Task<bool> TamperAsync(string isolationKey, SmsOptOut.Consent.AccountId account, string eventId, Tampering tampering)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Configuration);
        return await RedisTampering.TamperAsync(connection.GetDatabase(), "{" + isolationKey + ":a:" + account.Value + "}", eventId, tampering);
    }

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["configuration"] = Configuration };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => Configuration = settings["configuration"];

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UseRedis(o =>
        {
            o.Configuration = Configuration;
            o.KeyPrefix = isolationKey;
        });

    public override async Task InitializeAsync()
    {
        var cluster = await RedisCluster.GetAsync();
        UnavailableReason = cluster.UnavailableReason;
        Configuration = cluster.Configuration;
    }
}

public sealed class RedisClusterConformanceGuard : ConformanceSuiteGuard<RedisClusterFixture>;

public sealed class RedisClusterDurabilityTests(RedisClusterFixture fixture) : DurabilityTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSuppressionSnapshotTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionSnapshotTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSuppressionStoreTests(RedisClusterFixture fixture) : SuppressionStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSuppressionListingTests(RedisClusterFixture fixture) : SuppressionListingTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterLinkTokenStoreTests(RedisClusterFixture fixture) : LinkTokenStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterKeywordReplyLedgerTests(RedisClusterFixture fixture) : KeywordReplyLedgerTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterWebhookOutboxStoreTests(RedisClusterFixture fixture) : WebhookOutboxStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterReportCursorStoreTests(RedisClusterFixture fixture) : ReportCursorStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterDataSubjectStoreTests(RedisClusterFixture fixture) : DataSubjectStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterDoNotCallRegistryStoreTests(RedisClusterFixture fixture) : DoNotCallRegistryStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterOptInStoreTests(RedisClusterFixture fixture) : OptInStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterDoubleOptInFlowTests(RedisClusterFixture fixture) : DoubleOptInFlowTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSendLedgerTests(RedisClusterFixture fixture) : SendLedgerTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterDeferredSendStoreTests(RedisClusterFixture fixture) : DeferredSendStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterConsentStatisticsTests(RedisClusterFixture fixture) : ConsentStatisticsTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterWebhookDeliveryHistoryTests(RedisClusterFixture fixture) : WebhookDeliveryHistoryTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSharingTests(RedisClusterFixture fixture) : SharingTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterPseudonymKeyTests(RedisClusterFixture fixture) : PseudonymKeyTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterMultiInstanceDispatchTests(RedisClusterFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<RedisClusterFixture>(fixture, output);

public sealed class RedisClusterFrequencyCapSharingTests(RedisClusterFixture fixture) : FrequencyCapSharingTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterHeldMessageSharingTests(RedisClusterFixture fixture) : HeldMessageSharingTests<RedisClusterFixture>(fixture);


public sealed class RedisClusterWebhookReplayGuardTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterReconciliationCheckpointStoreTests(RedisClusterFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.ReconciliationCheckpointStoreTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSenderScopeTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterAccountDirectoryTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterConsentLogTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Evidence.ConsentLogTests<RedisClusterFixture>(fixture);

public sealed class RedisClusterSuppressionPauseTests(RedisClusterFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionPauseTests<RedisClusterFixture>(fixture);
