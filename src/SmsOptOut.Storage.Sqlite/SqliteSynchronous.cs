namespace SmsOptOut.Storage.Sqlite;

/// <summary>How hard SQLite pushes each commit to disk (<c>PRAGMA synchronous</c>) in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>The default: every commit is on disk before it returns, surviving a power loss or OS crash.</summary>
    Full = 2,

    /// <summary>Commits survive a crash of the process but the last ones may be lost on power loss; much faster on slow disks.</summary>
    Normal = 1,
}
