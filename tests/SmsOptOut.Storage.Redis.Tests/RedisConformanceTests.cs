using SmsOptOut.Storage.ConformanceTests;
using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;

namespace SmsOptOut.Storage.Redis.Tests;

public sealed class RedisSuppressionSnapshotTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionSnapshotTests<RedisStorageFixture>(fixture);

public sealed class RedisSuppressionStoreTests(RedisStorageFixture fixture) : SuppressionStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisSuppressionListingTests(RedisStorageFixture fixture) : SuppressionListingTests<RedisStorageFixture>(fixture);

public sealed class RedisLinkTokenStoreTests(RedisStorageFixture fixture) : LinkTokenStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisKeywordReplyLedgerTests(RedisStorageFixture fixture) : KeywordReplyLedgerTests<RedisStorageFixture>(fixture);

public sealed class RedisWebhookOutboxStoreTests(RedisStorageFixture fixture) : WebhookOutboxStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisDurabilityTests(RedisStorageFixture fixture) : DurabilityTests<RedisStorageFixture>(fixture);

public sealed class RedisSharingTests(RedisStorageFixture fixture) : SharingTests<RedisStorageFixture>(fixture);

public sealed class RedisConformanceGuard : ConformanceSuiteGuard<RedisStorageFixture>;

public sealed class RedisReportCursorStoreTests(RedisStorageFixture fixture) : ReportCursorStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisDataSubjectStoreTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.DataSubjectStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisPseudonymKeyTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.PseudonymKeyTests<RedisStorageFixture>(fixture);

public sealed class RedisDoNotCallRegistryStoreTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<RedisStorageFixture>(fixture);

/// <summary>The registry suite again with no set held in memory: every number is probed in Redis.</summary>
public sealed class RedisUncachedDoNotCallRegistryStoreTests(RedisStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<RedisStorageFixture>(fixture)
{
    protected override void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<RedisStorageOptions>(services, o => o.MaxCachedRegistryNumbers = 0);
}

public sealed class RedisOptInStoreTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.OptInStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisDoubleOptInFlowTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.DoubleOptInFlowTests<RedisStorageFixture>(fixture);

public sealed class RedisSendLedgerTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SendLedgerTests<RedisStorageFixture>(fixture);

public sealed class RedisFrequencyCapSharingTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.FrequencyCapSharingTests<RedisStorageFixture>(fixture);

public sealed class RedisDeferredSendStoreTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.DeferredSendStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisHeldMessageSharingTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.HeldMessageSharingTests<RedisStorageFixture>(fixture);

public sealed class RedisConsentStatisticsTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Reports.ConsentStatisticsTests<RedisStorageFixture>(fixture);

public sealed class RedisWebhookDeliveryHistoryTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Webhooks.WebhookDeliveryHistoryTests<RedisStorageFixture>(fixture);

public sealed class RedisWebhookReplayGuardTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<RedisStorageFixture>(fixture);

public sealed class RedisReconciliationCheckpointStoreTests(RedisStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.ReconciliationCheckpointStoreTests<RedisStorageFixture>(fixture);

public sealed class RedisSenderScopeTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<RedisStorageFixture>(fixture);

public sealed class RedisAccountDirectoryTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<RedisStorageFixture>(fixture);

public sealed class RedisConsentLogTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Evidence.ConsentLogTests<RedisStorageFixture>(fixture);

public sealed class RedisSuppressionPauseTests(RedisStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionPauseTests<RedisStorageFixture>(fixture);
