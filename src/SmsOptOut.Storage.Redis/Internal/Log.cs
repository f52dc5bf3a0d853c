using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>The Redis adapter's log messages (ids 3201–3299).</summary>
internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Information, "Indexing the Redis data under {Prefix} written before layout {Layout}, once: a SCAN of its events, webhooks, tokens and reply rows")]
    public static partial void IndexingLegacyData(ILogger logger, string prefix, int layout);

    [LoggerMessage(3202, LogLevel.Information, "Indexed the Redis data under {Prefix} written before layout {Layout}: {Keys} keys read in {ElapsedMilliseconds} ms")]
    public static partial void IndexedLegacyData(ILogger logger, string prefix, int layout, long keys, long elapsedMilliseconds);
}
