using SmsOptOut.Storage.ConformanceTests;
using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Tests;

public sealed class SqliteSuppressionStoreTests(SqliteStorageFixture fixture) : SuppressionStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSuppressionSnapshotTests(SqliteStorageFixture fixture) : SuppressionSnapshotTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSuppressionListingTests(SqliteStorageFixture fixture) : SuppressionListingTests<SqliteStorageFixture>(fixture);

public sealed class SqliteLinkTokenStoreTests(SqliteStorageFixture fixture) : LinkTokenStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteKeywordReplyLedgerTests(SqliteStorageFixture fixture) : KeywordReplyLedgerTests<SqliteStorageFixture>(fixture);

public sealed class SqliteWebhookOutboxStoreTests(SqliteStorageFixture fixture) : WebhookOutboxStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteDurabilityTests(SqliteStorageFixture fixture) : DurabilityTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSharingTests(SqliteStorageFixture fixture) : SharingTests<SqliteStorageFixture>(fixture);

public sealed class SqliteConformanceGuard : ConformanceSuiteGuard<SqliteStorageFixture>;

public sealed class SqliteReportCursorStoreTests(SqliteStorageFixture fixture) : ReportCursorStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteDataSubjectStoreTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.DataSubjectStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqlitePseudonymKeyTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Privacy.PseudonymKeyTests<SqliteStorageFixture>(fixture);

public sealed class SqliteDoNotCallRegistryStoreTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<SqliteStorageFixture>(fixture);

/// <summary>The registry suite again with no set held in memory: every number is probed in the database.</summary>
public sealed class SqliteUncachedDoNotCallRegistryStoreTests(SqliteStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<SqliteStorageFixture>(fixture)
{
    protected override void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<SqliteStorageOptions>(services, o => o.MaxCachedRegistryNumbers = 0);
}

public sealed class SqliteOptInStoreTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.OptInStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteDoubleOptInFlowTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.DoubleOptInFlowTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSendLedgerTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SendLedgerTests<SqliteStorageFixture>(fixture);

public sealed class SqliteFrequencyCapSharingTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.FrequencyCapSharingTests<SqliteStorageFixture>(fixture);

public sealed class SqliteDeferredSendStoreTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.DeferredSendStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteHeldMessageSharingTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.HeldMessageSharingTests<SqliteStorageFixture>(fixture);

public sealed class SqliteConsentStatisticsTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Reports.ConsentStatisticsTests<SqliteStorageFixture>(fixture);

public sealed class SqliteWebhookDeliveryHistoryTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Webhooks.WebhookDeliveryHistoryTests<SqliteStorageFixture>(fixture);

public sealed class SqliteWebhookReplayGuardTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<SqliteStorageFixture>(fixture);

public sealed class SqliteReconciliationCheckpointStoreTests(SqliteStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.ReconciliationCheckpointStoreTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSenderScopeTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<SqliteStorageFixture>(fixture);

public sealed class SqliteAccountDirectoryTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<SqliteStorageFixture>(fixture);

public sealed class SqliteConsentLogTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Evidence.ConsentLogTests<SqliteStorageFixture>(fixture);

public sealed class SqliteSuppressionPauseTests(SqliteStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionPauseTests<SqliteStorageFixture>(fixture);
