using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Storage.Sqlite.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses SQLite as SmsOptOut's storage.</summary>
public static class SqliteStorageBuilderExtensions
{
    /// <summary>Keeps everything in one SQLite file, created with its schema on first use.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="connectionString">For example <c>Data Source=optout.db</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSqlite(this ISmsOptOutBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, static _ => { });

    /// <summary>Keeps everything in one SQLite file, with options.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the connection string and tuning options.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSqlite(this ISmsOptOutBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.UseSqlite(null, configure);

    /// <summary>
    /// Keeps everything in one SQLite file, with options bound from configuration: <c>ConnectionString</c>,
    /// <c>Synchronous</c>, <c>BusyTimeout</c>, <c>CacheSizeMegabytes</c>, <c>MemoryMapMegabytes</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Sqlite")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSqlite(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseSqlite(null, o => configuration.Bind(o));
    }

    /// <summary>Keeps everything in one SQLite file, with a connection string and further options.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="connectionString">For example <c>Data Source=optout.db</c>; <see langword="null"/> to set it in <paramref name="configure"/>.</param>
    /// <param name="configure">Sets tuning options.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSqlite(this ISmsOptOutBuilder builder, string? connectionString, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStorage("Sqlite", services =>
        {
            services.AddOptionsWithValidateOnStart<SqliteStorageOptions>()
                .Configure(o =>
                {
                    if (connectionString is not null)
                    {
                        o.ConnectionString = connectionString;
                    }

                    configure(o);
                });
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
            services.AddSmsOptOutStorage<SqliteStorage>();
        });
    }
}
