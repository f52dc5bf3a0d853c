using SmsOptOut.Storage.ConformanceTests.Keywords;
using SmsOptOut.Storage.ConformanceTests.Links;
using SmsOptOut.Storage.ConformanceTests.Privacy;
using SmsOptOut.Storage.ConformanceTests.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.ConformanceTests.Suppression;
using SmsOptOut.Storage.ConformanceTests.Webhooks;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

// One line per suite of a contract the fixture claims; the guard fails when one of them is missing here, or when a claim
// differs from what the adapter registers. DoNotCallRegistryStoreTests and ReconciliationCheckpointStoreTests are not
// here: the adapter lacks those contracts and says so (DictionaryStorageFixture.Lacks).
public sealed class DictionaryConformanceGuard : ConformanceSuiteGuard<DictionaryStorageFixture>;

public sealed class DictionarySuppressionStoreTests(DictionaryStorageFixture f) : SuppressionStoreTests<DictionaryStorageFixture>(f);

public sealed class DictionarySuppressionListingTests(DictionaryStorageFixture f) : SuppressionListingTests<DictionaryStorageFixture>(f);

public sealed class DictionaryLinkTokenStoreTests(DictionaryStorageFixture f) : LinkTokenStoreTests<DictionaryStorageFixture>(f);

public sealed class DictionaryKeywordReplyLedgerTests(DictionaryStorageFixture f) : KeywordReplyLedgerTests<DictionaryStorageFixture>(f);

public sealed class DictionaryWebhookOutboxStoreTests(DictionaryStorageFixture f) : WebhookOutboxStoreTests<DictionaryStorageFixture>(f);

public sealed class DictionaryReportCursorStoreTests(DictionaryStorageFixture f) : ReportCursorStoreTests<DictionaryStorageFixture>(f);

public sealed class DictionaryDataSubjectStoreTests(DictionaryStorageFixture f) : DataSubjectStoreTests<DictionaryStorageFixture>(f);


public sealed class DictionaryOptInStoreTests(DictionaryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.OptInStoreTests<DictionaryStorageFixture>(fixture);

public sealed class DictionaryDoubleOptInFlowTests(DictionaryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.OptIn.DoubleOptInFlowTests<DictionaryStorageFixture>(fixture);

public sealed class DictionarySendLedgerTests(DictionaryStorageFixture f) : SmsOptOut.Storage.ConformanceTests.Sending.SendLedgerTests<DictionaryStorageFixture>(f);

public sealed class DictionaryDeferredSendStoreTests(DictionaryStorageFixture f) : SmsOptOut.Storage.ConformanceTests.Sending.DeferredSendStoreTests<DictionaryStorageFixture>(f);

public sealed class DictionaryConsentStatisticsTests(DictionaryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Reports.ConsentStatisticsTests<DictionaryStorageFixture>(fixture);

public sealed class DictionaryWebhookDeliveryHistoryTests(DictionaryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Webhooks.WebhookDeliveryHistoryTests<DictionaryStorageFixture>(fixture);

public sealed class DictionaryWebhookReplayGuardTests(DictionaryStorageFixture f) : SmsOptOut.Storage.ConformanceTests.Providers.WebhookReplayGuardTests<DictionaryStorageFixture>(f);


public sealed class DictionarySenderScopeTests(DictionaryStorageFixture fixture) : SmsOptOut.Storage.ConformanceTests.Sending.SenderScopeTests<DictionaryStorageFixture>(fixture);

public sealed class DictionaryAccountDirectoryTests(DictionaryStorageFixture f) : SmsOptOut.Storage.ConformanceTests.Accounts.AccountDirectoryTests<DictionaryStorageFixture>(f);
