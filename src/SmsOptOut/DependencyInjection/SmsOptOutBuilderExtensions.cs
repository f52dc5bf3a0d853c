using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Sending;
using SmsOptOut.Storage;

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
            foreach (var contract in StorageContracts.All)
            {
                if (contract.InMemoryType is { } implementation)
                {
                    // One instance per implementation, whatever number of contracts it serves.
                    services.TryAddSingleton(implementation);
                    services.AddSingleton(contract.ServiceType, sp => sp.GetRequiredService(implementation));
                }
            }
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
        foreach (var contract in StorageContracts.All)
        {
            services.RemoveAll(contract.ServiceType);
        }

        services.Configure<StorageSelection>(selection => selection.Name = name);
        registerServices(services);
        services.RemoveAll<ChosenStorage>();
        services.AddSingleton(new ChosenStorage(name, StorageContracts.Registered(services)));
        // An adapter without an optional contract that has a stand-in (the in-process replay guard, one instance only;
        // a data-subject store that says what it cannot do) gets the stand-in.
        StorageContracts.AddFallbacks(services);
        foreach (var contract in StorageContracts.All.Where(c => c.IsRequired))
        {
            if (!services.Any(d => d.ServiceType == contract.ServiceType))
            {
                throw new InvalidOperationException(
                    $"The storage '{name}' registered no {contract.ServiceType.Name}; a storage adapter must provide every storage service SmsOptOut uses.");
            }
        }

        return builder;
    }
}
