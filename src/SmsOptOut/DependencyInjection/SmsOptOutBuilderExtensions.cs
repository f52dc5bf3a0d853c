using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Privacy.Internal;
using SmsOptOut.Providers;
using SmsOptOut.Providers.Internal;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Storage.InMemory;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the storage of SmsOptOut.</summary>
public static class SmsOptOutBuilderExtensions
{
    /// <summary>
    /// Keeps everything in process memory. <b>Not durable</b>: every opt-out is lost when the process ends. For tests,
    /// demos and tools only; production hosts use <c>UseSqlite</c>, <c>UsePostgreSql</c> or <c>UseRedis</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseInMemory(this ISmsOptOutBuilder builder) =>
        builder.UseStorage("InMemory", static services =>
        {
            services.AddSingleton<InMemoryWebhookOutbox>();
            services.AddSingleton<IWebhookOutboxStore>(static sp => sp.GetRequiredService<InMemoryWebhookOutbox>());
            services.AddSingleton<IWebhookDeliveryHistory>(static sp => sp.GetRequiredService<InMemoryWebhookOutbox>());
            services.AddSingleton<InMemorySuppressionStore>();
            services.AddSingleton<ISuppressionStore>(static sp => sp.GetRequiredService<InMemorySuppressionStore>());
            services.AddSingleton<SmsOptOut.Storage.IAccountDirectory>(static sp => sp.GetRequiredService<InMemorySuppressionStore>());
            services.AddSingleton<InMemoryLinkTokenStore>();
            services.AddSingleton<IOptOutLinkTokenStore>(static sp => sp.GetRequiredService<InMemoryLinkTokenStore>());
            services.AddSingleton<InMemoryKeywordReplyLedger>();
            services.AddSingleton<IKeywordReplyLedger>(static sp => sp.GetRequiredService<InMemoryKeywordReplyLedger>());
            services.AddSingleton<IReportCursorStore, InMemoryReportCursorStore>();
            services.AddSingleton<IDataSubjectStore, InMemoryDataSubjectStore>();
            services.AddSingleton<SmsOptOut.DoNotCall.IDoNotCallRegistryStore, InMemoryDoNotCallRegistryStore>();
            services.AddSingleton<SmsOptOut.OptIn.IOptInStore, InMemoryOptInStore>();
            services.AddSingleton<ISendLedger, InMemorySendLedger>();
            services.AddSingleton<IDeferredSendStore, InMemoryDeferredSendStore>();
            services.AddSingleton<IWebhookReplayGuard, InMemoryWebhookReplayGuard>();
            services.AddSingleton<IReconciliationCheckpointStore, InMemoryReconciliationCheckpointStore>();
            services.AddSingleton<ISuppressionListing, InMemorySuppressionListing>();
        });

    /// <summary>
    /// Sends through <see cref="ConsoleSmsTransport"/>: every message is written to the console (recipients masked) and
    /// reported sent. For samples and development.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="output">Where to write; the console when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseConsoleTransport(this ISmsOptOutBuilder builder, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<ISmsTransport>();
        builder.Services.AddSingleton<ISmsTransport>(new ConsoleSmsTransport(output));
        return builder;
    }

    /// <summary>
    /// For storage adapter authors: replaces every storage service SmsOptOut uses with the adapter's registrations and
    /// records the choice, so startup validation passes. The last storage chosen wins.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The adapter's name, shown in diagnostics (for example <c>Sqlite</c>).</param>
    /// <param name="registerServices">Registers the adapter's implementations of every storage interface.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseStorage(this ISmsOptOutBuilder builder, string name, Action<IServiceCollection> registerServices)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(registerServices);

        var services = builder.Services;
        foreach (var storageType in StorageSelection.StorageServiceTypes.Concat(StorageSelection.OptionalStorageServiceTypes))
        {
            services.RemoveAll(storageType);
        }

        services.Configure<StorageSelection>(selection => selection.Name = name);
        registerServices(services);
        services.TryAddSingleton<IDataSubjectStore, UnsupportedDataSubjectStore>();
        // An adapter that keeps no one-time values: they are kept in process memory, as before (one instance only).
        services.TryAddSingleton<IWebhookReplayGuard, InMemoryWebhookReplayGuard>();
        foreach (var storageType in StorageSelection.StorageServiceTypes)
        {
            if (!services.Any(d => d.ServiceType == storageType))
            {
                throw new InvalidOperationException(
                    $"The storage '{name}' registered no {storageType.Name}; a storage adapter must provide every storage service SmsOptOut uses.");
            }
        }

        return builder;
    }
}
