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
}
