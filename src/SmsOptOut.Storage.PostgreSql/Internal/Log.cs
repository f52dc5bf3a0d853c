using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>The PostgreSQL adapter's log messages (ids 3101–3199).</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Information, "Migrated the PostgreSQL schema {Schema} from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string schema, int from, int to);

    [LoggerMessage(3102, LogLevel.Warning, "A PostgreSQL write transaction in schema {Schema} failed with {SqlState} (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retried(ILogger logger, string schema, string sqlState, int attempt, int maxAttempts, long delayMilliseconds);

    [LoggerMessage(3103, LogLevel.Warning, "Loading the suppression snapshot of account {Account} failed; its list sends probe the database until a retry in a minute succeeds")]
    public static partial void SnapshotLoadFailed(ILogger logger, Exception exception, string account);

    [LoggerMessage(3104, LogLevel.Information, "Added {Events} consent events of the PostgreSQL schema {Schema} recorded before the consent log to it, once: they are only as trustworthy as the database was until now")]
    public static partial void Backfilled(ILogger logger, string schema, long events);
}
