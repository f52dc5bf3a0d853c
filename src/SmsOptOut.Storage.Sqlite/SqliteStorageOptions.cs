namespace SmsOptOut.Storage.Sqlite;

/// <summary>Options of the SQLite storage.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The connection string, for example <c>Data Source=optout.db</c>. The file is created with its schema on first use.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Durability of each commit: <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a writer waits for another (process or thread) before giving up. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page cache per connection, in MiB. Default 64, so a million suppressions stay in memory for bulk filters.</summary>
    public int CacheSizeMegabytes { get; set; } = 64;

    /// <summary>
    /// How much of the file SQLite reads through a memory map, in MiB (<c>PRAGMA mmap_size</c>). Default 1024: reads of a
    /// large suppression table come straight from the OS page cache, shared by every connection. 0 turns it off.
    /// </summary>
    public int MemoryMapMegabytes { get; set; } = 1024;

    /// <summary>
    /// Whether SQLite overwrites deleted content with zeros (<c>PRAGMA secure_delete</c>), so an erased number's bytes do not
    /// linger in free pages of the file. Default on; costs some extra writes on deletes.
    /// </summary>
    public bool SecureDelete { get; set; } = true;

    /// <summary>
    /// The largest Do-Not-Call registry set held in memory for list sends (about 16 bytes per number; default
    /// 5,000,000). Larger sets are probed in the database, which costs more per number. 0 holds none.
    /// </summary>
    public long MaxCachedRegistryNumbers { get; set; } = 5_000_000;

    /// <summary>
    /// Whether list sends check each account's suppressions in this process's memory (a suppression snapshot) instead of
    /// probing the store for every recipient. Default on. The snapshot is loaded in the background on an account's first
    /// bulk filter (the store is probed until it is ready) and kept current by a per-account change counter that every
    /// suppression change moves in its own transaction, read once per batch: an opt-out committed before a batch is
    /// always seen. Turn it off when the app's memory is tighter than the store's CPU (see docs/scaling.md).
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
