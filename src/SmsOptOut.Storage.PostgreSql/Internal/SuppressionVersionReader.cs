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
/// </summary>
internal sealed class SuppressionVersionReader(PostgreSqlDatabase database) : IAsyncDisposable
{
    /// <summary>The most connections kept open for the reads.</summary>
    public const int MaxKept = 2;

    private readonly ConcurrentStack<Kept> _idle = new();
    private volatile bool _disposed;

    /// <summary>The account's counter now (0 when it has none).</summary>
    public async Task<long> ReadAsync(string account, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fresh = !_idle.TryPop(out var kept);
            kept ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await kept.ReadAsync(account, cancellationToken).ConfigureAwait(false);
                Return(kept);
                return result;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
            {
                await kept.DisposeAsync().ConfigureAwait(false);
                if (fresh || attempt > 1 || e is OperationCanceledException)
                {
                    throw;
                }

                // A kept connection failed: the others may be as broken (a restart, a failover); open new ones.
                while (_idle.TryPop(out var other))
                {
                    await other.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var kept))
        {
            await kept.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<Kept> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = database.Command(connection, null, "SELECT version FROM {schema}.suppression_versions WHERE account = $1;");
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
        if (_disposed || _idle.Count >= MaxKept)
        {
            _ = kept.DisposeAsync().AsTask();
            return;
        }

        _idle.Push(kept);
        if (_disposed && _idle.TryPop(out var late))
        {
            _ = late.DisposeAsync().AsTask();
        }
    }

    private sealed class Kept(NpgsqlConnection connection, NpgsqlCommand command) : IAsyncDisposable
    {
        public async Task<long> ReadAsync(string account, CancellationToken cancellationToken)
        {
            ((NpgsqlParameter<string>)command.Parameters[0]).TypedValue = account;
            using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
