using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>The SQLite adapter's log messages (ids 3001–3099).</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Migrated the SQLite database {DataSource} from schema version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string dataSource, long from, int to);

    [LoggerMessage(3002, LogLevel.Warning, "The SQLite database {DataSource} stayed locked by another writer beyond the busy timeout (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMilliseconds} ms")]
    public static partial void Busy(ILogger logger, string dataSource, int attempt, int maxAttempts, long delayMilliseconds);

    [LoggerMessage(3003, LogLevel.Warning, "Loading the suppression snapshot of account {Account} failed; its list sends probe the database until a retry in a minute succeeds")]
    public static partial void SnapshotLoadFailed(ILogger logger, Exception exception, string account);

    [LoggerMessage(3004, LogLevel.Information, "Added {Events} consent events of the SQLite database {DataSource} recorded before the consent log to it, once: they are only as trustworthy as the database was until now")]
    public static partial void Backfilled(ILogger logger, string dataSource, long events);
}
