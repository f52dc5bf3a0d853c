using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOptOut;
using SmsOptOut.Configuration.Internal;
using SmsOptOut.Consent.Internal;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.DoNotCall;
using SmsOptOut.DoNotCall.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Keywords;
using SmsOptOut.Keywords.Internal;
using SmsOptOut.Links;
using SmsOptOut.Links.Internal;
using SmsOptOut.Providers;
using SmsOptOut.Privacy;
using SmsOptOut.Privacy.Internal;
using SmsOptOut.Providers.Internal;
using SmsOptOut.Reports;
using SmsOptOut.Reports.Internal;
using SmsOptOut.Sending;
using SmsOptOut.Sending.Internal;
using SmsOptOut.Storage;
using SmsOptOut.Webhooks;
using SmsOptOut.Webhooks.Internal;
using SmsOptOut.Consent;
using SmsOptOut.OptIn;
using SmsOptOut.OptIn.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SmsOptOut in a service collection.</summary>
public static class SmsOptOutServiceCollectionExtensions
{
    /// <summary>Registers the SmsOptOut core with default options. Choose a storage on the returned builder.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder to choose storage and transports on.</returns>
    public static ISmsOptOutBuilder AddSmsOptOut(this IServiceCollection services) => services.AddSmsOptOut(static _ => { });

    /// <summary>
    /// Registers the SmsOptOut core and configures its options. Choose a storage on the returned builder
    /// (<c>UseSqlite</c>, <c>UsePostgreSql</c>, <c>UseRedis</c> or <c>UseInMemory</c>): a host without one fails at
    /// startup. Calling this more than once is harmless; each call adds its configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options.</param>
    /// <returns>The builder to choose storage and transports on.</returns>
    public static ISmsOptOutBuilder AddSmsOptOut(this IServiceCollection services, Action<SmsOptOutOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.Configure(configure);
        if (!services.Any(d => d.ServiceType == typeof(SmsOptOutMarker)))
        {
            AddCore(services);
        }

        return new SmsOptOutBuilder(services);
    }

    /// <summary>
    /// Registers the SmsOptOut core with options bound from configuration, for example
    /// <c>builder.Configuration.GetSection("SmsOptOut")</c>: every option, the nested <c>Links</c>, <c>Keywords</c>,
    /// <c>Webhooks</c>, <c>Sending</c> and <c>Reports</c> ones included. A list given in full (the retry schedule, the
    /// keyword languages) replaces its default. Choose a storage on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section that holds the options.</param>
    /// <returns>The builder to choose storage and transports on.</returns>
    public static ISmsOptOutBuilder AddSmsOptOut(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSmsOptOut(configuration, static _ => { });

    /// <summary>
    /// Registers the SmsOptOut core with options bound from configuration, then changed by <paramref name="configure"/>
    /// (for what configuration cannot hold, such as secrets from a vault).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section that holds the options.</param>
    /// <param name="configure">Sets options after binding.</param>
    /// <returns>The builder to choose storage and transports on.</returns>
    public static ISmsOptOutBuilder AddSmsOptOut(this IServiceCollection services, IConfiguration configuration, Action<SmsOptOutOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddSmsOptOut(o =>
        {
            SmsOptOutConfiguration.Bind(configuration, o);
            configure(o);
        });
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddSingleton<SmsOptOutMarker>();
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<SmsOptOutOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsOptOutOptions>, SmsOptOutOptionsValidator>());

        // One options instance, validated once: IOptions<T> reads the instance ValidateOnStart validated through the
        // monitor instead of creating (and validating) one of its own.
        services.TryAddSingleton<IOptions<SmsOptOutOptions>, MonitoredOptions>();
        services.AddOptionsWithValidateOnStart<StorageSelection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageSelection>, StorageSelection.Validator>());

        services.TryAddSingleton(typeof(Deferred<>));
        services.TryAddSingleton(typeof(ProviderAccountOptions<>));
        services.TryAddSingleton<ISmsProviderSelector, DefaultSmsProviderSelector>();
        services.TryAddSingleton<SmsOptOutMetrics>();
        services.TryAddSingleton<SmsOptOut.Accounts.Internal.AccountSettingsResolver>();
        services.TryAddSingleton<SmsOptOut.Accounts.IAccountSettingsResolver>(static sp => sp.GetRequiredService<SmsOptOut.Accounts.Internal.AccountSettingsResolver>());
        services.TryAddSingleton<OptOutService>();
        services.TryAddSingleton<IOptOutService>(static sp => sp.GetRequiredService<OptOutService>());
        services.AddHostedService<SmsOptOut.Preferences.Internal.PauseSweeper>();
        services.TryAddSingleton<SmsOptOut.Evidence.IConsentEvidence, SmsOptOut.Evidence.Internal.ConsentEvidenceService>();
        services.AddHostedService<SmsOptOut.Evidence.Internal.CheckpointScheduler>();
        services.TryAddSingleton<NumberPseudonyms>();
        services.TryAddSingleton<IDataSubjectService, DataSubjectService>();

        services.TryAddSingleton<LinkKeyRing>();
        services.TryAddSingleton<OptOutLinkService>();
        services.TryAddSingleton<IOptOutLinkGenerator>(static sp => sp.GetRequiredService<OptOutLinkService>());
        services.TryAddSingleton<IOptOutLinkVerifier>(static sp => sp.GetRequiredService<OptOutLinkService>());
        services.AddHostedService<StorageCleanupService>();

        services.TryAddSingleton<KeywordClassifierCache>();
        services.TryAddSingleton<IKeywordOptionsProvider, AccountKeywordOptionsProvider>();
        services.TryAddSingleton<ISenderIdentityProvider, AccountSenderIdentityProvider>();
        services.TryAddSingleton<QuietHours>();
        services.TryAddSingleton<IQuietHoursProvider, AccountQuietHoursProvider>();
        services.TryAddSingleton<IDoNotCallRegistry, DoNotCallRegistry>();
        services.TryAddSingleton<OptInService>();
        services.TryAddSingleton<IOptInService>(static sp => sp.GetRequiredService<OptInService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConsentEventObserver, OptInConsentObserver>());
        services.TryAddSingleton<IInboundSmsProcessor, InboundSmsProcessor>();
        services.TryAddSingleton<IProviderReconciliation, ProviderReconciliation>();
        services.AddHostedService<ProviderReconciliationService>();

        AddWebhooks(services);
        AddReports(services);
        services.TryAddSingleton<SmsSender>();
        services.TryAddSingleton<ISmsSender>(static sp => sp.GetRequiredService<SmsSender>());
        services.TryAddSingleton<DeferredSendScheduler>();
        services.TryAddSingleton<IDeferredSendScheduler>(static sp => sp.GetRequiredService<DeferredSendScheduler>());
        services.AddHostedService(static sp => sp.GetRequiredService<DeferredSendScheduler>());

        foreach (var contract in StorageContracts.All.Where(c => c.IsRequired))
        {
            services.TryAddSingleton(contract.ServiceType, static _ => throw StorageSelection.NoStorage());
        }

        StorageContracts.AddFallbacks(services);
    }

    private static void AddReports(IServiceCollection services)
    {
        services.TryAddSingleton<IReportSettingsProvider, AccountReportSettingsProvider>();
        services.TryAddSingleton<IConsentExporter, ConsentExporter>();
        services.TryAddSingleton<IConsentStatistics, ConsentStatistics>();
        services.TryAddSingleton<IUnsubscriptionReporter, UnsubscriptionReporter>();
        services.AddHostedService<ReportService>();
    }

    private static void AddWebhooks(IServiceCollection services)
    {
        services.TryAddSingleton<IWebhookEndpointProvider, AccountWebhookEndpointProvider>();
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxContributor, WebhookOutboxContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxContributor, ProviderSyncOutboxContributor>());
        services.TryAddSingleton<WebhookWakeSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConsentEventObserver, WebhookWakeSignal>(static sp => sp.GetRequiredService<WebhookWakeSignal>()));
        services.TryAddSingleton<IOptOutWebhookDispatcher, WebhookDispatcher>();
        services.AddHostedService<WebhookDispatcherService>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static sp =>
            {
                var options = sp.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Webhooks;
                var connect = new SsrfConnectCallback(sp.GetRequiredService<IWebhookHostResolver>(), options.DangerouslyAllowLoopbackAndHttpForTesting);
                return new SocketsHttpHandler
                {
                    ConnectCallback = connect.ConnectAsync,
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                };
            });
    }

    /// <summary>Marks a service collection that already holds the SmsOptOut core.</summary>
    private sealed class SmsOptOutMarker;
}
