using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Connections from one data source, the migrations applied once per process under an advisory lock (so instances
/// starting together migrate once), and write transactions retried on deadlocks and serialization failures.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable
{
    private const int MaxWriteAttempts = 5;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DataStep? _dataStep;
    private volatile bool _schemaReady;

    /// <summary>
    /// One batch of the data step that runs after the migrations, before the schema counts as ready (in its own write
    /// transaction, retried on deadlocks): returns how many rows it changed and whether it is done.
    /// </summary>
    public delegate Task<(long Changed, bool Done)> DataStep(PostgreSqlDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction, int batchSize,
        CancellationToken cancellationToken);

    public PostgreSqlDatabase(PostgreSqlStorageOptions options, TimeProvider timeProvider, ILogger logger, DataStep? dataStep = null)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _dataStep = dataStep;
        _ownsDataSource = options.DataSource is null;
        _dataSource = options.DataSource ?? NpgsqlDataSource.Create(options.ConnectionString!);
        Schema = "\"" + options.Schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        SchemaName = options.Schema;
    }

    /// <summary>The quoted schema name, for SQL text.</summary>
    public string Schema { get; }

    public string SchemaName { get; }

    /// <summary>How many rows one transaction of the data step handles.</summary>
    public int DataStepBatchSize { get; set; } = 1000;

    /// <summary>Called after each committed batch of the data step (tests stop it there, as a crash would).</summary>
    public Action? DataStepBatchCommitted { get; set; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, migrated: true, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, bool migrated, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = migrated ? await OpenAsync(cancellationToken).ConfigureAwait(false) : await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var result = await work(connection, transaction).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return result;
                    }
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxWriteAttempts)
                {
                    var delay = TimeSpan.FromMilliseconds(10 * attempt * attempt);
                    Log.Retried(_logger, SchemaName, e.SqlState, attempt, MaxWriteAttempts, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) =>
        new(sql.Replace("{schema}", Schema, StringComparison.Ordinal), connection, transaction);

    public async ValueTask DisposeAsync()
    {
        _schemaGate.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates or upgrades the schema (once per process unless <paramref name="check"/>); returns the versions before and after.</summary>
    public async Task<(int From, int To)> MigrateAsync(CancellationToken cancellationToken, bool check = false)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady && !check)
            {
                return (PostgreSqlSchema.Migrations[^1].Version, PostgreSqlSchema.Migrations[^1].Version);
            }

            int current;
            int latest;

            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1);", cancellationToken, LockKey("smsoptout:migrate:" + SchemaName)).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {Schema}; CREATE TABLE IF NOT EXISTS {Schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);", cancellationToken).ConfigureAwait(false);
                    using var versionCommand = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {Schema}.schema_migrations;", connection, transaction);
                    current = (int)(await versionCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    latest = PostgreSqlSchema.Migrations[^1].Version;
                    if (current > latest)
                    {
                        throw new InvalidOperationException(
                            $"The schema {Schema} is at version {current}, newer than {latest}, the latest this version of SmsOptOut.Storage.PostgreSql knows. Upgrade the package.");
                    }

                    foreach (var (version, sql) in PostgreSqlSchema.Migrations.Where(m => m.Version > current))
                    {
                        await ExecuteAsync(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Schema), cancellationToken).ConfigureAwait(false);
                        await ExecuteAsync(connection, transaction, $"INSERT INTO {Schema}.schema_migrations (version, applied_at) VALUES ($1, $2);", cancellationToken,
                            version, _timeProvider.GetUtcNow()).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    if (current < latest)
                    {
                        Log.Migrated(_logger, SchemaName, current, latest);
                    }
                }
            }

            await RunDataStepAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
            return (current, latest);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// Runs the data step to its end, a batch per transaction: each batch commits its rows with where it stands, so
    /// a crash or a cancellation between batches loses nothing, and the next start (here or in another instance, which
    /// waits for the batch's lock) continues from there.
    /// </summary>
    private async Task RunDataStepAsync(CancellationToken cancellationToken)
    {
        if (_dataStep is null)
        {
            return;
        }

        long changed = 0;
        for (var done = false; !done;)
        {
            (var batch, done) = await WriteAsync((connection, transaction) => _dataStep(this, connection, transaction, DataStepBatchSize, cancellationToken), migrated: false,
                cancellationToken).ConfigureAwait(false);
            changed += batch;
            DataStepBatchCommitted?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (changed > 0)
        {
            Log.Backfilled(_logger, SchemaName, changed);
        }
    }

    /// <summary>A stable 64-bit advisory-lock key for a text (FNV-1a), the same in every process.</summary>
    public static long LockKey(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
