using Npgsql;

namespace SmsOptOut.Storage.PostgreSql;

/// <summary>Options of the PostgreSQL storage.</summary>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>The connection string, for example <c>Host=db;Database=app;Username=app;Password=…</c>. Ignored when <see cref="DataSource"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A data source the host already built (and owns); takes precedence over <see cref="ConnectionString"/>.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>The schema SmsOptOut's tables live in, created when missing. Default <c>smsoptout</c>.</summary>
    public string Schema { get; set; } = "smsoptout";

    /// <summary>
    /// The largest Do-Not-Call registry set each app instance holds in memory for list sends (about 16 bytes per
    /// number; default 5,000,000). Larger sets are probed in the database, which costs more per number. 0 holds none.
    /// </summary>
    public long MaxCachedRegistryNumbers { get; set; } = 5_000_000;
}
