using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// One PostgreSQL primary at 1,000,000 and at 10,000,000 suppressed numbers spread over 10,000 accounts (issue 21), in
/// the same run: the bulk filter of a list send (per probe, half of them suppressed), opt-out writes (1,000 per batch,
/// each an event and a suppression, to random accounts), and outbox claims (1,000 due webhooks per claim out of 200,000
/// owed). The ratio of the two sizes says how the primary degrades as the data grows past memory's comfort.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PostgreSqlScaleBenchmarks
{
    private const int Accounts = 10_000;
    private const int Owed = 200_000;
    private const int Probes = 100_000;
    private const int Writes = 10_000;
    private const int Claims = 10;
    private readonly bool[] _flags = new bool[ServerStoreBench.ProbeBatch];
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private IWebhookOutboxStore _outbox = null!;
    private PhoneNumber[] _probes = [];
    private AccountId _account;
    private long _next;

    [Params(1_000_000, 10_000_000)]
    public int Suppressed { get; set; }

    [GlobalSetup]
    public void Seed()
    {
        var schema = ServerStoreBench.NewIsolationKey();
        _services = ServerStoreBench.PostgreSql(schema);
        _services.GetRequiredService<IStorageSchema>().MigrateAsync().GetAwaiter().GetResult();
        _store = _services.GetRequiredService<ISuppressionStore>();
        _outbox = _services.GetRequiredService<IWebhookOutboxStore>();
        using var connection = new NpgsqlConnection(ServerStoreBench.PostgreSqlConnectionString);
        connection.Open();
        foreach (var sql in new[]
        {
            // Numbers 12120000000 + i; account a{i % 10000}: every account holds Suppressed / 10,000 numbers.
            $"""
            INSERT INTO "{schema}".suppressions (account, number, list_key, since, source, event_id)
            SELECT 'a' || (i % {Accounts}), 12120000000 + i, '', now(), 4, 'e' || i FROM generate_series(0, {Suppressed - 1}) AS i;
            """,
            $"""
            INSERT INTO "{schema}".webhook_outbox (id, account, event_id, payload, created_at, next_attempt_at)
            SELECT 'w' || i, 'a' || (i % {Accounts}), 'e' || i, '[payload]', now(), now() - interval '1 minute' FROM generate_series(0, {Owed - 1}) AS i;
            """,
            $"""VACUUM ANALYZE "{schema}".suppressions""",
            $"""VACUUM ANALYZE "{schema}".webhook_outbox""",
        })
        {
            using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3_600 };
            command.ExecuteNonQuery();
        }

        // Probes of one account: its own numbers (suppressed) and as many that are not.
        _account = new AccountId("a42");
        var random = new Random(21);
        _probes = [.. Enumerable.Range(0, Probes).Select(i => PhoneNumber.FromValue(12_120_000_000UL + (ulong)(i % 2 == 0
            ? (random.NextInt64(Suppressed / Accounts) * Accounts) + 42
            : Suppressed + random.NextInt64(Suppressed))))];
        _next = 20_000_000_000L;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Probes, Description = "FilterAsync, per probe")]
    public async Task<int> Filter()
    {
        var count = 0;
        for (var start = 0; start < _probes.Length; start += ServerStoreBench.ProbeBatch)
        {
            count += await _store.FilterAsync(_account, null, _probes.AsMemory(start, Math.Min(ServerStoreBench.ProbeBatch, _probes.Length - start)), _flags);
        }

        return count == Probes / 2 ? count : throw new InvalidOperationException($"{count} of {Probes} probes suppressed, not half.");
    }

    [Benchmark(OperationsPerInvoke = Writes, Description = "ApplyBatchAsync, per opt-out (1,000 per batch)")]
    public async Task Write()
    {
        var random = new Random((int)(_next % int.MaxValue));
        for (var i = 0; i < Writes; i += 1_000)
        {
            await _store.ApplyBatchAsync([.. Enumerable.Range(0, 1_000).Select(_ =>
            {
                var n = Interlocked.Increment(ref _next);
                return new ConsentWrite(new ConsentEvent
                {
                    EventId = "w" + n.ToString(CultureInfo.InvariantCulture), Account = new AccountId("a" + random.Next(Accounts).ToString(CultureInfo.InvariantCulture)),
                    Number = PhoneNumber.FromValue((ulong)n), Kind = ConsentKind.OptOut, Source = OptOutSource.Import,
                    OccurredAt = DateTimeOffset.UtcNow, RecordedAt = DateTimeOffset.UtcNow,
                }, []);
            })]);
        }
    }

    [Benchmark(OperationsPerInvoke = Claims * 1_000, Description = "ClaimDueAsync, per webhook (1,000 per claim)")]
    public async Task<int> Claim()
    {
        var claimed = 0;
        for (var i = 0; i < Claims; i++)
        {
            claimed += (await _outbox.ClaimDueAsync("bench", DateTimeOffset.UtcNow, TimeSpan.FromHours(1), 1_000)).Count;
        }

        return claimed == Claims * 1_000 ? claimed : throw new InvalidOperationException($"{claimed} claimed.");
    }
}
