using System.Diagnostics.CodeAnalysis;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>For storage adapter authors.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <typeparamref name="TStorage"/> singleton as every storage service SmsOptOut uses. Call it in the
    /// callback of <c>UseStorage(name, services => …)</c>; the compiler then names any storage contract the adapter
    /// has yet to implement. An adapter that also implements <see cref="IDataSubjectStore"/> or
    /// <see cref="SmsOptOut.DoNotCall.IDoNotCallRegistryStore"/>, <see cref="SmsOptOut.OptIn.IOptInStore"/>, <see cref="SmsOptOut.Sending.ISendLedger"/>, <see cref="SmsOptOut.Sending.IDeferredSendStore"/>, <see cref="SmsOptOut.Reports.IConsentStatisticsStore"/>, <see cref="IWebhookDeliveryHistory"/>, <see cref="ISuppressionCounter"/>, <see cref="SmsOptOut.Providers.IWebhookReplayGuard"/>, <see cref="SmsOptOut.Providers.IReconciliationCheckpointStore"/>, <see cref="SmsOptOut.Storage.IAccountDirectory"/> or
    /// <see cref="SmsOptOut.Storage.IStorageSchema"/> is registered as that too.
    /// </summary>
    /// <remarks>So is an adapter that implements <see cref="ISuppressionListing"/> (the dashboard's filtered list of suppressed numbers).</remarks>
    /// <typeparam name="TStorage">The adapter's storage class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSmsOptOutStorage<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStorage>(this IServiceCollection services)
        where TStorage : class, ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TStorage>();
        services.AddSingleton<ISuppressionStore>(static sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IOptOutLinkTokenStore>(static sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IKeywordReplyLedger>(static sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IWebhookOutboxStore>(static sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IReportCursorStore>(static sp => sp.GetRequiredService<TStorage>());
        if (typeof(IDataSubjectStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<IDataSubjectStore>(static sp => (IDataSubjectStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.DoNotCall.IDoNotCallRegistryStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.DoNotCall.IDoNotCallRegistryStore>(static sp => (SmsOptOut.DoNotCall.IDoNotCallRegistryStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.OptIn.IOptInStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.OptIn.IOptInStore>(static sp => (SmsOptOut.OptIn.IOptInStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Sending.ISendLedger).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Sending.ISendLedger>(static sp => (SmsOptOut.Sending.ISendLedger)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Sending.IDeferredSendStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Sending.IDeferredSendStore>(static sp => (SmsOptOut.Sending.IDeferredSendStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Reports.IConsentStatisticsStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Reports.IConsentStatisticsStore>(static sp => (SmsOptOut.Reports.IConsentStatisticsStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(ISuppressionCounter).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<ISuppressionCounter>(static sp => (ISuppressionCounter)sp.GetRequiredService<TStorage>());
        }

        if (typeof(ISuppressionListing).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<ISuppressionListing>(static sp => (ISuppressionListing)sp.GetRequiredService<TStorage>());
        }

        if (typeof(IWebhookDeliveryHistory).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<IWebhookDeliveryHistory>(static sp => (IWebhookDeliveryHistory)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Providers.IWebhookReplayGuard).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Providers.IWebhookReplayGuard>(static sp => (SmsOptOut.Providers.IWebhookReplayGuard)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Providers.IReconciliationCheckpointStore).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Providers.IReconciliationCheckpointStore>(static sp => (SmsOptOut.Providers.IReconciliationCheckpointStore)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Storage.IAccountDirectory).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Storage.IAccountDirectory>(static sp => (SmsOptOut.Storage.IAccountDirectory)sp.GetRequiredService<TStorage>());
        }

        if (typeof(SmsOptOut.Storage.IStorageSchema).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton<SmsOptOut.Storage.IStorageSchema>(static sp => (SmsOptOut.Storage.IStorageSchema)sp.GetRequiredService<TStorage>());
        }

        return services;
    }
}
