using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>The Redis adapter's log messages (ids 3201–3299; 3201 and 3202, the indexing of layout 1, are retired: the layout move does it).</summary>
internal static partial class Log
{
    [LoggerMessage(3203, LogLevel.Information, "Moving the Redis data under {Prefix} from key layout {Found} to {Current} (per-account hash tags), once")]
    public static partial void MovingLegacyLayout(ILogger logger, string prefix, int found, int current);

    [LoggerMessage(3204, LogLevel.Information, "Moved the Redis data under {Prefix} from key layout {Found} to {Current}: {Keys} keys in {ElapsedMilliseconds} ms")]
    public static partial void MovedLegacyLayout(ILogger logger, string prefix, int found, int current, long keys, long elapsedMilliseconds);

    [LoggerMessage(3205, LogLevel.Warning, "Loading the suppression snapshot of account {Account} failed; its list sends probe Redis until a retry in a minute succeeds")]
    public static partial void SnapshotLoadFailed(ILogger logger, Exception exception, string account);

    [LoggerMessage(3206, LogLevel.Information, "Added {Events} consent events of the Redis data under {Prefix} recorded before the consent log to it, once: they are only as trustworthy as the data was until now")]
    public static partial void Backfilled(ILogger logger, string prefix, long events);
}
