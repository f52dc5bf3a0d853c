using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>Shared set-up of the SQLite benchmarks: a fresh file in the temp folder.</summary>
internal static class SqliteBench
{
    public static readonly AccountId Account = new("bench");

    public static string NewFile() => Path.Combine(Path.GetTempPath(), $"smsoptout-bench-{Guid.NewGuid():N}.db");

    /// <summary>The SQLite storage of <paramref name="file"/>; without the suppression snapshot unless asked, so filters probe the file.</summary>
    public static ServiceProvider Services(string file, SqliteSynchronous synchronous = SqliteSynchronous.Full, bool snapshot = false, bool consentLog = true)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey);
            o.Evidence.SigningKeys.Add(ServerStoreBench.EvidenceKey);
        }).UseSqlite($"Data Source={file}", o =>
        {
            (o.Synchronous, o.SuppressionSnapshot) = (synchronous, snapshot);
            ConsentLogSwitch.Set(o, consentLog);
        });
        return services.BuildServiceProvider();
    }

    public static ConsentEvent OptOut(long i) => new()
    {
        EventId = "e" + i.ToString(CultureInfo.InvariantCulture), Account = Account, Number = PhoneNumber.FromValue(12_120_000_000UL + (ulong)i),
        Kind = ConsentKind.OptOut, Source = OptOutSource.Import, OccurredAt = DateTimeOffset.UnixEpoch, RecordedAt = DateTimeOffset.UnixEpoch,
    };

    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }
}

/// <summary>
/// Bulk filter of 1M numbers against 1M suppressed in SQLite (half of the probes hit), 4,096 per call, against the
/// same work done by one hand-written prepared statement over a temp table of the batch, in the same run. Per number.
/// With <see cref="Erased"/> = 10,000 the first 10,000 suppressed numbers are erased (suppressed under pseudonyms).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SqliteBulkFilterBenchmarks
{
    private const int Probed = 1_000_000;
    private const int Batch = 4_096;
    private string _file = string.Empty;
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private PhoneNumber[] _probe = [];
    private readonly bool[] _flags = new bool[Batch];

    /// <summary>How many of the suppressed numbers are erased, so their suppression is checked under a pseudonym.</summary>
    [Params(0, 10_000)]
    public int Erased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = SqliteBench.NewFile();
        _services = SqliteBench.Services(_file, SqliteSynchronous.Normal);
        _store = _services.GetRequiredService<ISuppressionStore>();
        for (var start = 0; start < 1_000_000; start += 10_000)
        {
            _store.ApplyBatchAsync(Enumerable.Range(start, 10_000).Select(i => new ConsentWrite(SqliteBench.OptOut(i * 2L), [])).ToArray()).GetAwaiter().GetResult();
        }

        ServerStoreBench.Erase(_services, Erased);
        var random = new Random(3);
        _probe = Enumerable.Range(0, Probed).Select(_ => PhoneNumber.FromValue(12_120_000_000UL + (ulong)random.Next(0, 2_000_000))).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteBench.Delete(_file);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Probed, Description = "hand-written: temp table + prepared join")]
    public int TempTable()
    {
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS probe (idx INTEGER PRIMARY KEY, number INTEGER NOT NULL); PRAGMA cache_size = -65536;";
            create.ExecuteNonQuery();
        }

        using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM probe;";
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO probe (idx, number) VALUES ($i, $n);";
        var index = insert.Parameters.Add("$i", SqliteType.Integer);
        var number = insert.Parameters.Add("$n", SqliteType.Integer);
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT p.idx FROM probe p WHERE EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = $a AND s.number = p.number AND s.list_key = '');";
        using (var account = connection.CreateCommand())
        {
            account.CommandText = "SELECT id FROM accounts WHERE name = 'bench';";
            select.Parameters.AddWithValue("$a", (long)account.ExecuteScalar()!);
        }

        var count = 0;
        for (var start = 0; start < _probe.Length; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            clear.Transaction = insert.Transaction = select.Transaction = transaction;
            clear.ExecuteNonQuery();
            var end = Math.Min(start + Batch, _probe.Length);
            for (var i = start; i < end; i++)
            {
                index.Value = i - start;
                number.Value = (long)_probe[i].Value;
                insert.ExecuteNonQuery();
            }

            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                _flags[reader.GetInt32(0)] = true;
                count++;
            }

            transaction.Commit();
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Probed, Description = "SqliteStorage.FilterAsync (json_each, one statement per batch)")]
    public async Task<int> Store()
    {
        var count = 0;
        for (var start = 0; start < _probe.Length; start += Batch)
        {
            count += await _store.FilterAsync(SqliteBench.Account, null, _probe.AsMemory(start, Math.Min(Batch, _probe.Length - start)), _flags);
        }

        return count;
    }
}

/// <summary>
/// Opt-outs written per second with <c>synchronous=FULL</c> (every commit on disk): one per transaction and 1,000 per
/// batch, each an event + a suppression + an outbox-capable write, against a hand-written single-row INSERT per
/// transaction in the same run. Per opt-out.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SqliteWriteBenchmarks
{
    private const int Single = 2_000;
    private const int Batched = 100_000;
    private string _file = string.Empty;
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _file = SqliteBench.NewFile();
        _services = SqliteBench.Services(_file);
        _store = _services.GetRequiredService<ISuppressionStore>();
        _store.IsSuppressedAsync(SqliteBench.Account, SqliteBench.OptOut(0).Number).GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE raw (account TEXT NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (account, number)) WITHOUT ROWID;";
        create.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteBench.Delete(_file);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Single, Description = "hand-written: one INSERT per transaction")]
    public void RawSingle()
    {
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw (account, number) VALUES ('bench', $n);";
        var number = insert.Parameters.Add("$n", SqliteType.Integer);
        for (var i = 0; i < Single; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            number.Value = Interlocked.Increment(ref _next);
            insert.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Single, Description = "ApplyAsync, one opt-out per transaction")]
    public async Task ApplySingle()
    {
        for (var i = 0; i < Single; i++)
        {
            await _store.ApplyAsync(SqliteBench.OptOut(Interlocked.Increment(ref _next)), []);
        }
    }

    [Benchmark(OperationsPerInvoke = Batched, Description = "ApplyBatchAsync, 1,000 opt-outs per transaction")]
    public async Task ApplyBatched()
    {
        for (var i = 0; i < Batched; i += 1_000)
        {
            await _store.ApplyBatchAsync(Enumerable.Range(0, 1_000).Select(_ => new ConsentWrite(SqliteBench.OptOut(Interlocked.Increment(ref _next)), [])).ToArray());
        }
    }
}

/// <summary>
/// Issuing 1,000,000 stored link tokens into SQLite (<c>CreateManyAsync</c>, 1,000 per batch = one transaction each),
/// against hand-written prepared INSERTs of the same rows in transactions of 1,000, in the same run. Per token.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class SqliteTokenIssuanceBenchmarks
{
    private const int Count = 1_000_000;
    private const int Batch = 1_000;
    private string _file = string.Empty;
    private ServiceProvider? _services;
    private OptOutLinkTarget[] _targets = [];

    [GlobalSetup]
    public void Setup() => _targets = Enumerable.Range(0, Batch)
        .Select(i => new OptOutLinkTarget(SqliteBench.Account, new ListId("newsletter"), PhoneNumber.FromValue(12_120_000_000UL + (ulong)i))).ToArray();

    [IterationSetup]
    public void FreshFile()
    {
        _services?.Dispose();
        if (_file.Length > 0)
        {
            SqliteBench.Delete(_file);
        }

        _file = SqliteBench.NewFile();
        _services = SqliteBench.Services(_file);
        _services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(SqliteBench.Account, _targets[0].Number).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        SqliteBench.Delete(_file);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "hand-written: prepared INSERT, 1,000 per transaction")]
    public void RawInsert()
    {
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO link_tokens (token, account, list, campaign, number, expires_at) VALUES ($t, 'bench', 'newsletter', NULL, $n, 0);";
        var token = insert.Parameters.Add("$t", SqliteType.Text);
        var number = insert.Parameters.Add("$n", SqliteType.Integer);
        insert.Prepare();
        for (var start = 0; start < Count; start += Batch)
        {
            var tokens = SmsOptOut.Links.Internal.Base62.Random(Batch, 10);
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < Batch; i++)
            {
                token.Value = tokens[i];
                number.Value = (long)_targets[i].Number.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "IOptOutLinkGenerator.CreateManyAsync into SQLite")]
    public async Task Issue()
    {
        var generator = _services!.GetRequiredService<IOptOutLinkGenerator>();
        for (var start = 0; start < Count; start += Batch)
        {
            await generator.CreateManyAsync(_targets);
        }
    }
}
