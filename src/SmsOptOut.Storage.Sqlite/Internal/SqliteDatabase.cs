using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// Opens configured connections to one SQLite file, applies the migrations once per process (safely when several
/// processes start at once), and runs writes in <c>BEGIN IMMEDIATE</c> transactions, retried when another writer
/// holds the lock beyond the busy timeout — so "database is locked" never reaches the caller.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int MaxWriteAttempts = 5;

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _dataSource;
    private readonly DataStep? _dataStep;
    private volatile bool _schemaReady;

    /// <summary>
    /// One batch of the data step that runs after the migrations, before the schema counts as ready (in its own write
    /// transaction, retried when busy): returns how many rows it changed and whether it is done.
    /// </summary>
    public delegate Task<(long Changed, bool Done)> DataStep(SqliteConnection connection, SqliteTransaction transaction, int batchSize, CancellationToken cancellationToken);

    public SqliteDatabase(SqliteStorageOptions options, TimeProvider timeProvider, ILogger logger, DataStep? dataStep = null)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _dataStep = dataStep;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        _dataSource = builder.DataSource;
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA cache_size = -{options.CacheSizeMegabytes * 1024}; PRAGMA mmap_size = {options.MemoryMapMegabytes * 1048576L}; PRAGMA secure_delete = {(options.SecureDelete ? "ON" : "OFF")};");
    }

    public void Dispose() => _schemaGate.Dispose();

    /// <summary>How many rows one transaction of the data step handles.</summary>
    public int DataStepBatchSize { get; set; } = 1000;

    /// <summary>Called after each committed batch of the data step (tests stop it there, as a crash would).</summary>
    public Action? DataStepBatchCommitted { get; set; }

    /// <summary>The data source (file) this database opens.</summary>
    public string DataSource => _dataSource;

    /// <summary>An open connection with the storage's pragmas, after the schema is in place.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenConfiguredAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it; retried from scratch when the database stays busy.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, migrated: true, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, bool migrated, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = migrated ? await OpenAsync(cancellationToken).ConfigureAwait(false) : await OpenConfiguredAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = await work(connection, transaction).ConfigureAwait(false);
                    transaction.Commit();
                    return result;
                }
                catch (SqliteException e) when (IsBusy(e) && attempt < MaxWriteAttempts)
                {
                    await BackOffAsync(attempt, TimeSpan.FromMilliseconds(20 * attempt * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task<SqliteConnection> OpenConfiguredAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Pooled connections keep their native handle: configure each handle once, not on every open.
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                using var pragmas = Command(connection, null, _pragmas);
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _configured.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
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
                return (SqliteSchema.Migrations[^1].Version, SqliteSchema.Migrations[^1].Version);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var versions = await ApplyMigrationsAsync(cancellationToken).ConfigureAwait(false);
                    await RunDataStepAsync(cancellationToken).ConfigureAwait(false);
                    _schemaReady = true;
                    return versions;
                }
                catch (SqliteException e) when (IsBusy(e) && attempt < MaxWriteAttempts)
                {
                    await BackOffAsync(attempt, TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// Runs the data step to its end, a batch per transaction: each batch commits its rows with where it stands, so
    /// a crash or a cancellation between batches loses nothing, and the next start (here or in another process, which
    /// waits for the write lock) continues from there.
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
            (var batch, done) = await WriteAsync((connection, transaction) => _dataStep(connection, transaction, DataStepBatchSize, cancellationToken), migrated: false, cancellationToken)
                .ConfigureAwait(false);
            changed += batch;
            DataStepBatchCommitted?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (changed > 0)
        {
            Log.Backfilled(_logger, _dataSource, changed);
        }
    }

    private async Task<(int From, int To)> ApplyMigrationsAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConfiguredAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL;"))
            {
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            using (var table = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"))
            {
                await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long current;
            using (var version = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;"))
            {
                current = (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var latest = SqliteSchema.Migrations[^1].Version;
            if (current > latest)
            {
                throw new InvalidOperationException(
                    $"The SQLite database is at schema version {current}, newer than {latest}, the latest this version of SmsOptOut.Storage.Sqlite knows. Upgrade the package.");
            }

            foreach (var (number, sql) in SqliteSchema.Migrations.Where(m => m.Version > current))
            {
                using var migrate = Command(connection, transaction, sql);
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                using var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $t);");
                record.Parameters.AddWithValue("$v", number);
                record.Parameters.AddWithValue("$t", _timeProvider.GetUtcNow().UtcTicks);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            transaction.Commit();
            if (current < latest)
            {
                Log.Migrated(_logger, _dataSource, current, latest);
            }

            return ((int)current, latest);
        }
    }

    /// <summary>Waits before the next attempt, on the storage's clock, and says so.</summary>
    private Task BackOffAsync(int attempt, TimeSpan delay, CancellationToken cancellationToken)
    {
        Log.Busy(_logger, _dataSource, attempt, MaxWriteAttempts, (long)delay.TotalMilliseconds);
        return Task.Delay(delay, _timeProvider, cancellationToken);
    }

    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is SqliteBusy or SqliteLocked;
}
