using SmsOptOut.Storage.ConformanceTests;
using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Tests;

public sealed class PostgreSqlSuppressionSnapshotTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionSnapshotTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSuppressionStoreTests(PostgreSqlStorageFixture fixture) : SuppressionStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSuppressionListingTests(PostgreSqlStorageFixture fixture) : SuppressionListingTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlLinkTokenStoreTests(PostgreSqlStorageFixture fixture) : LinkTokenStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlKeywordReplyLedgerTests(PostgreSqlStorageFixture fixture) : KeywordReplyLedgerTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlWebhookOutboxStoreTests(PostgreSqlStorageFixture fixture) : WebhookOutboxStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlDurabilityTests(PostgreSqlStorageFixture fixture) : DurabilityTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSharingTests(PostgreSqlStorageFixture fixture) : SharingTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlConformanceGuard : ConformanceSuiteGuard<PostgreSqlStorageFixture>;

public sealed class PostgreSqlReportCursorStoreTests(PostgreSqlStorageFixture fixture) : ReportCursorStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlDataSubjectStoreTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.DataSubjectStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlPseudonymKeyTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.PseudonymKeyTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlDoNotCallRegistryStoreTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<PostgreSqlStorageFixture>(fixture);

/// <summary>The registry suite again with no set held in memory: every number is probed in the database.</summary>
public sealed class PostgreSqlUncachedDoNotCallRegistryStoreTests(PostgreSqlStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<PostgreSqlStorageFixture>(fixture)
{
    protected override void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<PostgreSqlStorageOptions>(services, o => o.MaxCachedRegistryNumbers = 0);
}

public sealed class PostgreSqlOptInStoreTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.OptInStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlDoubleOptInFlowTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.DoubleOptInFlowTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSendLedgerTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SendLedgerTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlFrequencyCapSharingTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.FrequencyCapSharingTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlDeferredSendStoreTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.DeferredSendStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlHeldMessageSharingTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.HeldMessageSharingTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlConsentStatisticsTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Reports.ConsentStatisticsTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlWebhookDeliveryHistoryTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Webhooks.WebhookDeliveryHistoryTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlWebhookReplayGuardTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlReconciliationCheckpointStoreTests(PostgreSqlStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.ReconciliationCheckpointStoreTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSenderScopeTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlAccountDirectoryTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlConsentLogTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Evidence.ConsentLogTests<PostgreSqlStorageFixture>(fixture);

public sealed class PostgreSqlSuppressionPauseTests(PostgreSqlStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionPauseTests<PostgreSqlStorageFixture>(fixture);
