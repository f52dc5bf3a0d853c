using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.DoNotCall;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.OptIn;
using SmsOptOut.Privacy;
using SmsOptOut.Privacy.Internal;
using SmsOptOut.Providers;
using SmsOptOut.Providers.Internal;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Storage.InMemory;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage;

/// <summary>
/// The storage contracts, each declared once: a new contract is one line here (and, when optional, its flag in
/// <see cref="StorageCapabilities"/>). <c>AddSmsOptOutStorage</c> registers an adapter as every contract it implements,
/// <c>UseStorage</c> replaces them all and checks the required ones, <c>UseInMemory</c> registers the in-memory
/// implementations, and the conformance kit's guard holds an adapter to the suites of the contracts it claims.
/// docs/architecture.md's "Storage contracts" table is generated from this list.
/// </summary>
public static class StorageContracts
{
    /// <summary>Every storage contract, the required ones first.</summary>
    public static IReadOnlyList<StorageContract> All { get; } =
    [
        new(typeof(ISuppressionStore), StorageCapabilities.None, "the consent log and the suppressions derived from it", typeof(InMemorySuppressionStore)),
        new(typeof(IOptOutLinkTokenStore), StorageCapabilities.None, "stored-mode opt-out link tokens", typeof(InMemoryLinkTokenStore)),
        new(typeof(IKeywordReplyLedger), StorageCapabilities.None, "when each number was last answered", typeof(InMemoryKeywordReplyLedger)),
        new(typeof(IWebhookOutboxStore), StorageCapabilities.None, "the durable outbox of opt-out webhooks", typeof(InMemoryWebhookOutbox)),
        new(typeof(IReportCursorStore), StorageCapabilities.None, "how far each account's reports have gone", typeof(InMemoryReportCursorStore)),
        new(typeof(IDataSubjectStore), StorageCapabilities.DataSubjects, "erasure, access, retention and data-subject requests", typeof(InMemoryDataSubjectStore), typeof(UnsupportedDataSubjectStore)),
        new(typeof(IDoNotCallRegistryStore), StorageCapabilities.DoNotCallRegistry, "Do-Not-Call registry sets", typeof(InMemoryDoNotCallRegistryStore)),
        new(typeof(IStorageSchema), StorageCapabilities.Schema, "a versioned schema, migrated ahead of a deployment", null),
        new(typeof(IOptInStore), StorageCapabilities.OptIns, "opt-ins and double opt-in requests", typeof(InMemoryOptInStore)),
        new(typeof(ISendLedger), StorageCapabilities.SendLedger, "sends per recipient, for frequency caps", typeof(InMemorySendLedger)),
        new(typeof(IDeferredSendStore), StorageCapabilities.DeferredSends, "list messages held by quiet hours", typeof(InMemoryDeferredSendStore)),
        new(typeof(IConsentStatisticsStore), StorageCapabilities.ConsentStatistics, "daily consent counts kept with the log", null),
        new(typeof(IWebhookDeliveryHistory), StorageCapabilities.WebhookDeliveryHistory, "an account's recent webhook deliveries", typeof(InMemoryWebhookOutbox)),
        new(typeof(ISuppressionCounter), StorageCapabilities.SuppressionCounter, "an account's suppressions counted in one call", null),
        new(typeof(IWebhookReplayGuard), StorageCapabilities.WebhookReplayGuard, "one-time values of verified provider webhooks", typeof(InMemoryWebhookReplayGuard), typeof(InMemoryWebhookReplayGuard)),
        new(typeof(IReconciliationCheckpointStore), StorageCapabilities.ReconciliationCheckpoints, "how far provider reconciliation has read", typeof(InMemoryReconciliationCheckpointStore)),
        new(typeof(IAccountDirectory), StorageCapabilities.AccountDirectory, "the accounts the storage holds data for", typeof(InMemorySuppressionStore)),
        new(typeof(ISuppressionListing), StorageCapabilities.SuppressionListing, "filtered, keyset-paged lists of suppressions", typeof(InMemorySuppressionListing)),
        new(typeof(ISuppressionPauses), StorageCapabilities.Pauses, "pauses that end by themselves", typeof(InMemorySuppressionStore)),
        new(typeof(Evidence.IConsentLogStore), StorageCapabilities.ConsentLog, "the tamper-evident consent log and its checkpoints", typeof(InMemorySuppressionStore)),
    ];

    /// <summary>The flags of every optional contract: what an adapter that implements them all claims.</summary>
    public static StorageCapabilities Optional { get; } = All.Aggregate(StorageCapabilities.None, static (all, c) => all | c.Capability);

    /// <summary>The contract of <paramref name="serviceType"/>, or <see langword="null"/> when it is no storage contract.</summary>
    /// <param name="serviceType">An interface, for example <c>typeof(IOptInStore)</c>.</param>
    /// <returns>The contract, or <see langword="null"/>.</returns>
    public static StorageContract? Find(Type serviceType) => All.FirstOrDefault(c => c.ServiceType == serviceType);

    /// <summary>
    /// The optional contracts the storage chosen on <paramref name="services"/> (by <c>UseStorage</c>, <c>UseSqlite</c>…)
    /// registers itself, without what SmsOptOut puts in place of a missing one. What a conformance guard compares with
    /// the capabilities an adapter claims.
    /// </summary>
    /// <param name="services">Services on which <c>AddSmsOptOut()</c> and a <c>Use…</c> storage method were called.</param>
    /// <returns>The flags of the contracts provided; <see cref="StorageCapabilities.None"/> when no storage was chosen.</returns>
    public static StorageCapabilities ProvidedBy(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.LastOrDefault(d => d.ServiceType == typeof(ChosenStorage))?.ImplementationInstance is ChosenStorage chosen
            ? chosen.Provided
            : StorageCapabilities.None;
    }

    /// <summary>The optional contracts registered on <paramref name="services"/> now (before any fallback is added).</summary>
    internal static StorageCapabilities Registered(IServiceCollection services) =>
        All.Where(c => !c.IsRequired && services.Any(d => d.ServiceType == c.ServiceType))
            .Aggregate(StorageCapabilities.None, static (all, c) => all | c.Capability);

    /// <summary>Puts SmsOptOut's stand-in in place of each optional contract no storage registered.</summary>
    internal static void AddFallbacks(IServiceCollection services)
    {
        foreach (var contract in All)
        {
            if (contract.FallbackType is { } fallback)
            {
                Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(
                    services, ServiceDescriptor.Singleton(contract.ServiceType, fallback));
            }
        }
    }
}
