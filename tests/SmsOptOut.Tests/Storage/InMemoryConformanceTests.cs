using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;
using SmsOptOut.Storage;

namespace SmsOptOut.Tests.Storage;

/// <summary>The in-memory storage: neither durable nor shared, and without a schema, a counter or the statistics fast path.</summary>
public sealed class InMemoryStorageFixture : StorageFixture
{
    /// <summary>Neither durable nor shared; every optional contract but a schema, the counter and the statistics fast path.</summary>
    public override StorageCapabilities Capabilities =>
        StorageContracts.Optional & ~(StorageCapabilities.Schema | StorageCapabilities.SuppressionCounter | StorageCapabilities.ConsentStatistics);

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseInMemory();
}

public sealed class InMemorySuppressionStoreTests(InMemoryStorageFixture fixture)
    : SuppressionStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemorySuppressionListingTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionListingTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryLinkTokenStoreTests(InMemoryStorageFixture fixture)
    : LinkTokenStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryKeywordReplyLedgerTests(InMemoryStorageFixture fixture)
    : KeywordReplyLedgerTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryWebhookOutboxStoreTests(InMemoryStorageFixture fixture)
    : WebhookOutboxStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryReportCursorStoreTests(InMemoryStorageFixture fixture)
    : ReportCursorStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryConformanceGuard : ConformanceSuiteGuard<InMemoryStorageFixture>;

public sealed class InMemoryDataSubjectStoreTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Privacy.DataSubjectStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryDoNotCallRegistryStoreTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.DoNotCall.DoNotCallRegistryStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryOptInStoreTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.OptIn.OptInStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryDoubleOptInFlowTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.OptIn.DoubleOptInFlowTests<InMemoryStorageFixture>(fixture);

public sealed class InMemorySendLedgerTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Sending.SendLedgerTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryDeferredSendStoreTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Sending.DeferredSendStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryConsentStatisticsTests(InMemoryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Reports.ConsentStatisticsTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryWebhookDeliveryHistoryTests(InMemoryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Webhooks.WebhookDeliveryHistoryTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryWebhookReplayGuardTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryReconciliationCheckpointStoreTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Providers.ReconciliationCheckpointStoreTests<InMemoryStorageFixture>(fixture);

public sealed class InMemorySenderScopeTests(InMemoryStorageFixture fixture)
    : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryAccountDirectoryTests(InMemoryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<InMemoryStorageFixture>(fixture);

public sealed class InMemoryConsentLogTests(InMemoryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Evidence.ConsentLogTests<InMemoryStorageFixture>(fixture);

public sealed class InMemorySuppressionPauseTests(InMemoryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Suppression.SuppressionPauseTests<InMemoryStorageFixture>(fixture);
