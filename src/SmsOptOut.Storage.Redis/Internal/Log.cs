using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>The Redis adapter's log messages (ids 3201–3299).</summary>
internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Information, "Moving the Redis data under {Prefix} from key layout {Found} to {Current} (per-account hash tags), once")]
    public static partial void MovingLegacyLayout(ILogger logger, string prefix, int found, int current);

    [LoggerMessage(3202, LogLevel.Information, "Moved the Redis data under {Prefix} from key layout {Found} to {Current}: {Keys} keys in {ElapsedMilliseconds} ms")]
    public static partial void MovedLegacyLayout(ILogger logger, string prefix, int found, int current, long keys, long elapsedMilliseconds);
}
