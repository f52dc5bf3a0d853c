using System.Diagnostics.CodeAnalysis;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Reports;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>For storage adapter authors.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <typeparamref name="TStorage"/> singleton as every storage service SmsOptOut uses. Call it in the
    /// callback of <c>UseStorage(name, services => …)</c>; the compiler then names any required storage contract the
    /// adapter has yet to implement. The adapter is also registered as each optional contract of
    /// <see cref="StorageContracts.All"/> it implements; its conformance fixture declares the same contracts in its
    /// capabilities (<see cref="StorageCapabilities"/>).
    /// </summary>
    /// <typeparam name="TStorage">The adapter's storage class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSmsOptOutStorage<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStorage>(this IServiceCollection services)
        where TStorage : class, ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TStorage>();
        // The compiler holds TStorage to the required contracts (the constraint); every contract it implements is served by it.
        foreach (var contract in StorageContracts.All.Where(c => c.ServiceType.IsAssignableFrom(typeof(TStorage))))
        {
            services.AddSingleton(contract.ServiceType, static sp => sp.GetRequiredService<TStorage>());
        }

        return services;
    }
}
