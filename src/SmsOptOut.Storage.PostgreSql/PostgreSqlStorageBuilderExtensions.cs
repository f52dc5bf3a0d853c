using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using SmsOptOut.Storage.PostgreSql;
using SmsOptOut.Storage.PostgreSql.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses PostgreSQL as SmsOptOut's storage.</summary>
public static class PostgreSqlStorageBuilderExtensions
{
    /// <summary>Keeps everything in PostgreSQL; the schema is created and migrated on first use.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="connectionString">For example <c>Host=db;Database=app;Username=app;Password=…</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UsePostgreSql(this ISmsOptOutBuilder builder, string connectionString) =>
        builder.UsePostgreSql(o => o.ConnectionString = connectionString);

    /// <summary>Keeps everything in PostgreSQL through a data source the host built and owns.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UsePostgreSql(this ISmsOptOutBuilder builder, NpgsqlDataSource dataSource) =>
        builder.UsePostgreSql(o => o.DataSource = dataSource);

    /// <summary>Keeps everything in PostgreSQL, with options bound from configuration: <c>ConnectionString</c> and <c>Schema</c>.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:PostgreSql")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UsePostgreSql(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UsePostgreSql(o =>
        {
            // The data source is an object the host builds; only the text options come from configuration.
            o.ConnectionString = configuration["ConnectionString"] ?? o.ConnectionString;
            o.Schema = configuration["Schema"] ?? o.Schema;
        });
    }

    /// <summary>Keeps everything in PostgreSQL, with options (schema name, connection).</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the connection and the schema.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UsePostgreSql(this ISmsOptOutBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStorage("PostgreSql", services =>
        {
            services.AddOptionsWithValidateOnStart<PostgreSqlStorageOptions>()
                .Configure(configure);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>());
            services.AddSmsOptOutStorage<PostgreSqlStorage>();
        });
    }
}
