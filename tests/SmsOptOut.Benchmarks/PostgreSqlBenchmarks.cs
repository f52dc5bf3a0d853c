using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Bulk filter of 1M numbers against 1M suppressed in PostgreSQL (half of the probes hit), 4,096 per call, against
/// the best single statement written with Npgsql directly (<c>number = ANY($2)</c> on the primary key) in the same
/// run. Per number.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PostgreSqlBulkFilterBenchmarks
{
    private readonly string _schema = ServerStoreBench.NewIsolationKey();
    private readonly bool[] _flags = new bool[ServerStoreBench.ProbeBatch];
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private NpgsqlDataSource _raw = null!;
    private PhoneNumber[] _probe = [];

    /// <summary>How many of the suppressed numbers are erased, so their suppression is checked under a pseudonym.</summary>
    [Params(0, 10_000)]
    public int Erased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.PostgreSql(_schema);
        _store = _services.GetRequiredService<ISuppressionStore>();
        ServerStoreBench.SeedSuppressions(_store);
        ServerStoreBench.Erase(_services, Erased);
        _probe = ServerStoreBench.Probes();
        _raw = NpgsqlDataSource.Create(ServerStoreBench.PostgreSqlConnectionString);
        using var analyze = _raw.CreateCommand($"ANALYZE {_schema}.suppressions;");
        analyze.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ServerStoreBench.Probed, Description = "hand-written: SELECT … WHERE number = ANY($2)")]
    public async Task<int> AnyArray()
    {
        await using var connection = await _raw.OpenConnectionAsync();
        await using var select = new NpgsqlCommand($"SELECT number FROM {_schema}.suppressions WHERE account = $1 AND list_key = '' AND number = ANY($2);", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SqliteBench.Account.Value });
        var numbers = new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
        select.Parameters.Add(numbers);
        await select.PrepareAsync();
        var count = 0;
        for (var start = 0; start < _probe.Length; start += ServerStoreBench.ProbeBatch)
        {
            var batch = _probe.AsSpan(start, Math.Min(ServerStoreBench.ProbeBatch, _probe.Length - start));
            var values = new long[batch.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (long)batch[i].Value;
            }

            numbers.TypedValue = values;
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Probed, Description = "PostgreSqlStorage.FilterAsync (unnest WITH ORDINALITY)")]
    public Task<int> Store() => ServerStoreBench.FilterAll(_store, _probe, _flags);
}

/// <summary>
/// Opt-outs written per second to PostgreSQL (fsync and synchronous_commit on): one per transaction and 1,000 per
/// batch, each an event + a suppression, against a hand-written single-row INSERT per transaction in the same run.
/// Per opt-out.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PostgreSqlWriteBenchmarks
{
    private const int Single = 2_000;
    private const int Batched = 50_000;
    private readonly string _schema = ServerStoreBench.NewIsolationKey();
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private NpgsqlDataSource _raw = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.PostgreSql(_schema);
        _store = _services.GetRequiredService<ISuppressionStore>();
        _store.IsSuppressedAsync(SqliteBench.Account, SqliteBench.OptOut(0).Number).GetAwaiter().GetResult();
        _raw = NpgsqlDataSource.Create(ServerStoreBench.PostgreSqlConnectionString);
        using var create = _raw.CreateCommand($"CREATE TABLE {_schema}.raw (account text NOT NULL, number bigint NOT NULL, PRIMARY KEY (account, number));");
        create.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Single, Description = "hand-written: one INSERT per transaction")]
    public async Task RawSingle()
    {
        await using var connection = await _raw.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand($"INSERT INTO {_schema}.raw (account, number) VALUES ('bench', $1);", connection);
        var number = new NpgsqlParameter<long>();
        insert.Parameters.Add(number);
        await insert.PrepareAsync();
        for (var i = 0; i < Single; i++)
        {
            number.TypedValue = Interlocked.Increment(ref _next);
            await insert.ExecuteNonQueryAsync();
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
/// Issuing stored link tokens into PostgreSQL (<c>CreateManyAsync</c>, 1,000 per call = one transaction), against the
/// hand-written single statement for the same rows — <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING
/// RETURNING token</c> into a table of the same shape — in the same run. Per token.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PostgreSqlTokenIssuanceBenchmarks
{
    private readonly string _schema = ServerStoreBench.NewIsolationKey();
    private ServiceProvider _services = null!;
    private IOptOutLinkGenerator _generator = null!;
    private NpgsqlDataSource _raw = null!;
    private OptOutLinkTarget[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.PostgreSql(_schema);
        _generator = _services.GetRequiredService<IOptOutLinkGenerator>();
        _targets = ServerStoreBench.TokenTargets();
        _generator.CreateManyAsync(_targets).GetAwaiter().GetResult(); // creates the schema
        _raw = NpgsqlDataSource.Create(ServerStoreBench.PostgreSqlConnectionString);
        using var create = _raw.CreateCommand($"CREATE TABLE {_schema}.raw_tokens (LIKE {_schema}.link_tokens INCLUDING ALL);");
        create.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ServerStoreBench.Tokens, Description = "hand-written: INSERT … unnest(arrays) ON CONFLICT DO NOTHING, 1,000 per statement")]
    public async Task<int> RawUnnest()
    {
        await using var connection = await _raw.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {_schema}.raw_tokens (token, account, list, campaign, number, expires_at) " +
            "SELECT t, 'bench', 'newsletter', NULL, n, $3 FROM unnest($1::text[], $2::bigint[]) AS u(t, n) ON CONFLICT (token) DO NOTHING RETURNING token;", connection);
        var tokens = new NpgsqlParameter<string[]>();
        var numbers = new NpgsqlParameter<long[]>();
        insert.Parameters.Add(tokens);
        insert.Parameters.Add(numbers);
        insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.UtcNow.AddDays(90) });
        await insert.PrepareAsync();
        var values = _targets.Select(t => (long)t.Number.Value).ToArray();
        var added = 0;
        for (var start = 0; start < ServerStoreBench.Tokens; start += ServerStoreBench.TokenBatch)
        {
            tokens.TypedValue = SmsOptOut.Links.Internal.Base62.Random(ServerStoreBench.TokenBatch, 10);
            numbers.TypedValue = values;
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                added++;
            }
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Tokens, Description = "IOptOutLinkGenerator.CreateManyAsync into PostgreSQL")]
    public Task<int> Issue() => ServerStoreBench.IssueTokensAsync(_generator, _targets);
}
