using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis;

/// <summary>Options of the Redis storage.</summary>
public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis configuration string, for example <c>localhost:6379</c>. Ignored when <see cref="Connection"/> is set.</summary>
    public string? Configuration { get; set; }

    /// <summary>A multiplexer the host already connected (and owns); takes precedence over <see cref="Configuration"/>.</summary>
    public IConnectionMultiplexer? Connection { get; set; }

    /// <summary>
    /// The prefix of every key, default <c>smsoptout</c>. Keys are written as <c>{prefix}:…</c>: the braces make the prefix
    /// a Redis Cluster hash tag, so every key lives in one slot and each change can be one atomic script.
    /// </summary>
    public string KeyPrefix { get; set; } = "smsoptout";

    /// <summary>The database number. Default -1: the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// The largest Do-Not-Call registry set each app instance holds in memory for list sends (about 16 bytes per
    /// number; default 5,000,000). Larger sets are probed in Redis, which costs more per number. 0 holds none.
    /// </summary>
    public long MaxCachedRegistryNumbers { get; set; } = 5_000_000;
}
