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
    /// The prefix of every key, default <c>smsoptout</c>. An account's keys are written as <c>{prefix:a:account}:…</c>:
    /// the braces make the prefix and the account a Redis Cluster hash tag, so an account's keys live in one slot (each
    /// change one atomic script) and the accounts spread over the cluster's shards.
    /// </summary>
    public string KeyPrefix { get; set; } = "smsoptout";

    /// <summary>The database number. Default -1: the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// How many replicas must have each consent change (opt-out, opt-in, erasure) before the store reports it written:
    /// after its script the store sends Redis's <c>WAIT</c> and fails the write with a <see cref="TimeoutException"/>
    /// when fewer acknowledge within <see cref="ReplicaAcknowledgementTimeout"/> (the change is on the master and is
    /// safe to retry: events are idempotent by id). Default 0: acknowledged by the master alone, so a master that fails
    /// before replicating can lose its last writes (see docs/scaling.md). These writes then go one at a time per master
    /// over a connection of their own, since <c>WAIT</c> blocks the connection it is sent on.
    /// </summary>
    public int ReplicaAcknowledgements { get; set; }

    /// <summary>How long a write waits for <see cref="ReplicaAcknowledgements"/>; default 2 seconds.</summary>
    public TimeSpan ReplicaAcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The largest Do-Not-Call registry set each app instance holds in memory for list sends (about 16 bytes per
    /// number; default 5,000,000). Larger sets are probed in Redis, which costs more per number. 0 holds none.
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
}
