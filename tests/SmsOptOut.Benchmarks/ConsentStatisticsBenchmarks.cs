using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Reports;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The dashboard's chart query: opt-outs and opt-ins per day, kind and source over 90 days, for an account with
/// 1,000,000 events in that time (and another account's 200,000 beside them). <c>Store</c>: what
/// <see cref="IConsentStatistics"/> answers from the adapter (SQLite's trigger-kept daily counts; PostgreSQL's settled
/// days, counted once from a covering index, and the last two days grouped live). Baseline <c>Log</c>: the same counts
/// from streaming the consent log, what an adapter without the fast path gets.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ConsentStatisticsBenchmarks
{
    private const int Events = 1_000_000;
    private static readonly DateOnly First = new(2026, 9, 1);
    private static readonly DateOnly Last = First.AddDays(89);
    private ServiceProvider? _services;
    private string? _file;

    [Params("Sqlite", "PostgreSql")]
    public string Storage { get; set; } = "Sqlite";

    [GlobalSetup]
    public void Seed()
    {
        var start = new DateTimeOffset(First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        var step = TimeSpan.FromDays(90).Ticks / Events;
        if (Storage == "Sqlite")
        {
            _file = SqliteBench.NewFile();
            _services = SqliteBench.Services(_file);
            _services.GetRequiredService<IStorageSchema>().MigrateAsync().GetAwaiter().GetResult();
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandTimeout = 600;
            command.CommandText = $"""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Events + 199_999})
                INSERT INTO consent_events (event_id, account, number, kind, source, scope, occurred_at, recorded_at)
                SELECT 'b' || i, CASE WHEN i < {Events} THEN 'bench' ELSE 'other' END, 12120000000 + i, 1 + (i % 10 = 0), 1 + i % 4, 1,
                       {start} + (i % {Events}) * {step}, {start} + (i % {Events}) * {step} FROM n;
                """;
            command.ExecuteNonQuery();
        }
        else
        {
            var schema = ServerStoreBench.NewIsolationKey();
            _services = ServerStoreBench.PostgreSql(schema);
            _services.GetRequiredService<IStorageSchema>().MigrateAsync().GetAwaiter().GetResult();
            using var connection = new NpgsqlConnection(ServerStoreBench.PostgreSqlConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"""
                INSERT INTO "{schema}".consent_events (account, event_id, number, kind, source, scope, occurred_at, recorded_at)
                SELECT CASE WHEN i < {Events} THEN 'bench' ELSE 'other' END, 'b' || i, 12120000000 + i, 1 + (i % 10 = 0)::int, 1 + i % 4, 1,
                       to_timestamp(({start} + (i % {Events})::bigint * {step} - 621355968000000000) / 10000000.0),
                       to_timestamp(({start} + (i % {Events})::bigint * {step} - 621355968000000000) / 10000000.0)
                FROM generate_series(0, {Events + 199_999}) AS i;
                """, connection) { CommandTimeout = 600 };
            command.ExecuteNonQuery();
            using var vacuum = new NpgsqlCommand($"""VACUUM ANALYZE "{schema}".consent_events;""", connection) { CommandTimeout = 600 };
            vacuum.ExecuteNonQuery();
        }

        // The first query counts the settled days and keeps them (PostgreSQL); what it costs is printed for the docs.
        var first = System.Diagnostics.Stopwatch.StartNew();
        var counted = Store().GetAwaiter().GetResult();
        Console.WriteLine($"// first query ({Storage}): {first.Elapsed.TotalMilliseconds:N0} ms");
        if (counted != Events)
        {
            throw new InvalidOperationException($"The statistics count {counted} events, not {Events}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_file is not null)
        {
            SqliteBench.Delete(_file);
        }
    }

    [Benchmark(Description = "IConsentStatistics.CountByDayAsync, 90 days")]
    public async Task<long> Store()
    {
        var counts = await _services!.GetRequiredService<IConsentStatistics>().CountByDayAsync(SqliteBench.Account, First, Last);
        return counts.Sum(c => c.Count);
    }

    [Benchmark(Baseline = true, Description = "counted from the consent log")]
    public async Task<long> Log()
    {
        var after = new DateTimeOffset(First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
        var until = new DateTimeOffset(Last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
        var counts = new Dictionary<(DateOnly, ConsentKind, OptOutSource), long>();
        await foreach (var e in _services!.GetRequiredService<ISuppressionStore>().GetEventsAsync(SqliteBench.Account, after, until))
        {
            var key = (DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), e.Kind, e.Source);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts.Values.Sum();
    }
}
