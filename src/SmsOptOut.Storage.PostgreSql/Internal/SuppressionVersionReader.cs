using System.Collections.Concurrent;
using Npgsql;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Reads an account's suppression counter for the snapshot's batches (one primary-key lookup, prepared) on a few
/// connections kept open for it. A connection taken from the pool and given back for every batch costs more than the
/// lookup: the pool resets the session on the way back, and a statement not prepared is parsed and planned each time.
/// At most <see cref="MaxKept"/> connections are kept (more concurrent batches open pooled ones); a connection that fails
/// is dropped with every other idle one (after a server restart they are all broken), and the read is tried once more on
/// a new connection, so the first batch after a restart answers from the restarted server — or fails, never from memory.
/// With the counter comes the server's epoch (<see cref="EpochSql"/>), so a snapshot read before a restart or a failover
/// loads again. A kept connection unused for <see cref="IdleLifetime"/> goes back to the pool, which closes it in its
/// time (Npgsql's <c>Connection Idle Lifetime</c>): an application that sent a list an hour ago holds none.
/// </summary>
internal sealed class SuppressionVersionReader : IAsyncDisposable
{
    /// <summary>The most connections kept open for the reads.</summary>
    public const int MaxKept = 2;

    /// <summary>How long a kept connection may go unused before it goes back to the pool.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentStack<Kept> _idle = new();
    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly ITimer _pruning;
    private readonly Lock _gate = new();
    private volatile bool _disposed;

    public SuppressionVersionReader(PostgreSqlDatabase database, TimeProvider time)
    {
        (_database, _time) = (database, time);
        _pruning = time.CreateTimer(_ => Prune(), null, IdleLifetime, IdleLifetime);
    }

    /// <summary>
    /// The server's epoch, as SQL: when its postmaster started, in microseconds. A restart or a failover changes it, and a
    /// snapshot of another epoch loads again: a server that came back from a backup, or a replica promoted before it
    /// received the last commits, may hold a counter that went back and forward again to the snapshot's count with other
    /// changes behind it.
    /// </summary>
    public const string EpochSql = "(extract(epoch FROM pg_postmaster_start_time()) * 1000000)::bigint";

    /// <summary>The account's counter now (0 when it has none) and the server's epoch (<see cref="EpochSql"/>).</summary>
    public async Task<(long Version, string Epoch)> ReadAsync(string account, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fresh = !_idle.TryPop(out var kept);
            kept ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            var read = false;
            try
            {
                var result = await kept.ReadAsync(account, cancellationToken).ConfigureAwait(false);
                read = true;
                return result;
            }
            catch (Exception e) when (!fresh && attempt == 1 && e is NpgsqlException or IOException or InvalidOperationException)
            {
                // A kept connection failed: the others may be as broken (a restart, a failover); read on a new one.
                while (_idle.TryPop(out var other))
                {
                    await other.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (read)
                {
                    Return(kept);
                }
                else
                {
                    await kept.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _pruning.DisposeAsync().ConfigureAwait(false);
        while (_idle.TryPop(out var kept))
        {
            await kept.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<Kept> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = _database.Command(connection, null, $"SELECT COALESCE((SELECT version FROM {{schema}}.suppression_versions WHERE account = $1), 0), {EpochSql};");
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return new Kept(connection, command);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Return(Kept kept)
    {
        kept.LastUsed = _time.GetTimestamp();
        lock (_gate)
        {
            if (_disposed || _idle.Count >= MaxKept)
            {
                _ = kept.DisposeAsync().AsTask();
                return;
            }

            _idle.Push(kept);
        }

        if (_disposed && _idle.TryPop(out var late))
        {
            _ = late.DisposeAsync().AsTask();
        }
    }

    /// <summary>Gives the kept connections unused for <see cref="IdleLifetime"/> back to the pool.</summary>
    private void Prune()
    {
        lock (_gate)
        {
            var kept = new List<Kept>(MaxKept);
            while (_idle.TryPop(out var one))
            {
                kept.Add(one);
            }

            // Pushed back oldest first, so the most recently used stays on top.
            for (var i = kept.Count - 1; i >= 0; i--)
            {
                if (_time.GetElapsedTime(kept[i].LastUsed) >= IdleLifetime)
                {
                    _ = kept[i].DisposeAsync().AsTask();
                }
                else
                {
                    _idle.Push(kept[i]);
                }
            }
        }
    }

    private sealed class Kept(NpgsqlConnection connection, NpgsqlCommand command) : IAsyncDisposable
    {
        /// <summary>When it was last given back (<see cref="TimeProvider.GetTimestamp"/>).</summary>
        public long LastUsed { get; set; }

        public async Task<(long, string)> ReadAsync(string account, CancellationToken cancellationToken)
        {
            ((NpgsqlParameter<string>)command.Parameters[0]).TypedValue = account;
            using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
