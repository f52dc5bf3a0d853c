namespace SmsOptOut.Storage;

/// <summary>
/// What a storage adapter can do beyond the required contracts: whether its data lasts and is shared, and one flag per
/// optional contract of <see cref="StorageContracts.All"/> (each contract names its flag in
/// <see cref="StorageContract.Capability"/>). An adapter's test fixture declares them; the conformance kit holds it to
/// exactly the suites they call for, and fails when a claimed contract is not registered or a registered one not claimed.
/// </summary>
[Flags]
public enum StorageCapabilities
{
    /// <summary>Only the required contracts, in one process's memory.</summary>
    None = 0,

    /// <summary>Data written survives disposing the services and building them again over the same storage.</summary>
    Durable = 1,

    /// <summary>Several service providers (app instances) may share one storage at once and see each other's writes.</summary>
    Shared = 1 << 1,

    /// <summary>Implements <see cref="Privacy.IDataSubjectStore"/>: erasure, access, retention and data-subject requests.</summary>
    DataSubjects = 1 << 2,

    /// <summary>Implements <see cref="DoNotCall.IDoNotCallRegistryStore"/>: Do-Not-Call registry sets.</summary>
    DoNotCallRegistry = 1 << 3,

    /// <summary>Implements <see cref="IStorageSchema"/>: a versioned schema operators can migrate ahead of a deployment.</summary>
    Schema = 1 << 4,

    /// <summary>Implements <see cref="OptIn.IOptInStore"/>: opt-ins and double opt-in requests.</summary>
    OptIns = 1 << 5,

    /// <summary>Implements <see cref="Sending.ISendLedger"/>: counts of sends per recipient, for frequency caps.</summary>
    SendLedger = 1 << 6,

    /// <summary>Implements <see cref="Sending.IDeferredSendStore"/>: list messages held by quiet hours.</summary>
    DeferredSends = 1 << 7,

    /// <summary>Implements <see cref="Reports.IConsentStatisticsStore"/>: daily consent counts kept with the log.</summary>
    ConsentStatistics = 1 << 8,

    /// <summary>Implements <see cref="Webhooks.IWebhookDeliveryHistory"/>: the recent webhook deliveries of an account.</summary>
    WebhookDeliveryHistory = 1 << 9,

    /// <summary>Implements <see cref="Suppression.ISuppressionCounter"/>: an account's suppressions counted in one call.</summary>
    SuppressionCounter = 1 << 10,

    /// <summary>Implements <see cref="Providers.IWebhookReplayGuard"/>: one-time values of provider webhooks, kept in the store.</summary>
    WebhookReplayGuard = 1 << 11,

    /// <summary>Implements <see cref="Providers.IReconciliationCheckpointStore"/>: how far provider reconciliation has read.</summary>
    ReconciliationCheckpoints = 1 << 12,

    /// <summary>Implements <see cref="IAccountDirectory"/>: the accounts the storage holds data for.</summary>
    AccountDirectory = 1 << 13,

    /// <summary>Implements <see cref="Suppression.ISuppressionListing"/>: filtered, keyset-paged lists of suppressions.</summary>
    SuppressionListing = 1 << 14,

    /// <summary>
    /// Implements <see cref="Suppression.ISuppressionPauses"/> and keeps pauses — an opt-out with
    /// <see cref="Consent.ConsentEvent.PausedUntil"/> — and opt-ins that take back one opt-out alone
    /// (<see cref="Consent.ConsentEvent.Reverts"/>: a pause's end, the landing page's undo).
    /// </summary>
    Pauses = 1 << 15,

    /// <summary>Implements <see cref="Evidence.IConsentLogStore"/>: the tamper-evident consent log, written with each event, and its checkpoints.</summary>
    ConsentLog = 1 << 16,

    /// <summary>
    /// Bulk filters can be answered from a suppression snapshot held in the app's memory, kept current by a per-account
    /// change counter read with every batch; the adapter's fixture turns it on and off
    /// (<c>StorageFixture.ConfigureSuppressionSnapshot</c> in the conformance kit).
    /// </summary>
    SuppressionSnapshot = 1 << 17,
}
