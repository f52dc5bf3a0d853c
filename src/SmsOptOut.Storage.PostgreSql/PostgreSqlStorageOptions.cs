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

    /// <summary>
    /// Whether list sends check each account's suppressions in this process's memory (a suppression snapshot) instead of
    /// probing the store for every recipient. Default on. The snapshot is loaded in the background on an account's first
    /// bulk filter (the store is probed until it is ready) and kept current by a per-account change counter that every
    /// suppression change moves in its own transaction, read once per batch (a prepared lookup on one of up to two
    /// connections the store keeps open for it from the first such batch until it is disposed): an opt-out committed
    /// before a batch is always seen. Turn it off when the app's memory is tighter than the store's CPU (see docs/scaling.md).
    /// </summary>
    public bool SuppressionSnapshot { get; set; } = true;

    /// <summary>
    /// The most suppressions the snapshots hold over every account (about 12 bytes each; default 5,000,000, ~60 MB). An
    /// account that does not fit in what is left is probed in the store as without a snapshot. 0 holds none.
    /// </summary>
    public long MaxSnapshotNumbers { get; set; } = 5_000_000;

    /// <summary>
    /// Benchmarks only (<c>ConsentLogWriteBenchmarks</c>, issue 36): <see langword="false"/> leaves the consent log's
    /// leaf and row out of the write path, to measure what the log costs. Nothing else turns it off: a store written
    /// without it has events its log does not hold, which verification reports.
    /// </summary>
    internal bool WritesConsentLog { get; set; } = true;
}
