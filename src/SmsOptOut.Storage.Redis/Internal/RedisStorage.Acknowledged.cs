using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Consent changes acknowledged by replicas (<see cref="RedisStorageOptions.ReplicaAcknowledgements"/>): Redis's
/// <c>WAIT</c> counts the replicas that have every earlier write of the connection it is sent on, and blocks that
/// connection meanwhile. So these writes use a connection of their own and go one at a time per master: the script,
/// then <c>WAIT</c> on the master that ran it.
/// </summary>
internal sealed partial class RedisStorage
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _acknowledgedLanes = new(StringComparer.Ordinal);
    private Lazy<Task<IConnectionMultiplexer>>? _acknowledgedConnection;

    /// <summary>Runs one of an account's write scripts; with replica acknowledgements asked for, returns only once they came.</summary>
    private async Task<RedisResult> RunAcknowledgedAsync(IDatabase database, string script, string accountKey, RedisValue[] values)
    {
        if (_options.ReplicaAcknowledgements == 0)
        {
            return await RunAsync(database, script, accountKey, values).ConfigureAwait(false);
        }

        var connection = await AcknowledgedConnection.Value.ConfigureAwait(false);
        var acknowledged = connection.GetDatabase(_options.Database);
        var lane = _acknowledgedLanes.GetOrAdd((await acknowledged.IdentifyEndpointAsync(accountKey).ConfigureAwait(false))?.ToString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await lane.WaitAsync().ConfigureAwait(false);
        try
        {
            var result = await RunAsync(acknowledged, script, accountKey, values).ConfigureAwait(false);

            // Asked after the script: if it was redirected (a failover), the connection knows the new master by now.
            var master = await acknowledged.IdentifyEndpointAsync(accountKey).ConfigureAwait(false);
            var timeout = (long)_options.ReplicaAcknowledgementTimeout.TotalMilliseconds;
            var replicas = (long)await connection.GetServer(master!).ExecuteAsync("WAIT", _options.ReplicaAcknowledgements, timeout).ConfigureAwait(false);
            if (replicas < _options.ReplicaAcknowledgements)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"The Redis master {master} has the change but {replicas} of the {_options.ReplicaAcknowledgements} replicas asked for (RedisStorageOptions.ReplicaAcknowledgements) acknowledged it within {timeout} ms; it may be lost if that master fails now. Retry: the write is idempotent."));
            }

            return result;
        }
        finally
        {
            lane.Release();
        }
    }

    private Lazy<Task<IConnectionMultiplexer>> AcknowledgedConnection => LazyInitializer.EnsureInitialized(ref _acknowledgedConnection, () => new(async () =>
        await ConnectionMultiplexer.ConnectAsync(_options.Configuration ?? _options.Connection!.Configuration).ConfigureAwait(false)));

    private async ValueTask DisposeAcknowledgedAsync()
    {
        if (_acknowledgedConnection is { IsValueCreated: true } created)
        {
            await (await created.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
