using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>--snapshot-round-trip &lt;suppressed&gt;</c>: where a PostgreSQL snapshot batch's time goes. Seeds one account with
/// that many opt-outs, warms its snapshot, and times (per call, over 2,000 calls each) a whole <c>FilterAsync</c> of 4,096
/// numbers answered from memory, and the parts of its round trip on their own: a pooled connection's open and close with
/// <c>SELECT 1</c>, unprepared and prepared, the changes-since statement unprepared and prepared, and a kept connection.
/// </summary>
internal static class SnapshotRoundTrip
{
    private const int Calls = 2_000;

    public static void Run(int suppressed)
    {
        var schema = ServerStoreBench.NewIsolationKey();
        var services = ServerStoreBench.PostgreSql(schema, snapshot: true);
        var store = services.GetRequiredService<ISuppressionStore>();
        for (var start = 0; start < suppressed; start += 10_000)
        {
            store.ApplyBatchAsync(Enumerable.Range(start, Math.Min(10_000, suppressed - start)).Select(i => new ConsentWrite(SqliteBench.OptOut(i * 2L), [])).ToArray()).GetAwaiter().GetResult();
        }

        var probes = ServerStoreBench.Probes().AsMemory(0, ServerStoreBench.ProbeBatch);
        var flags = new bool[ServerStoreBench.ProbeBatch];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            store.FilterAsync(SqliteBench.Account, null, probes, flags).GetAwaiter().GetResult();
            Thread.Sleep(5);
        }

        Time("FilterAsync of 4,096 (snapshot)", () => store.FilterAsync(SqliteBench.Account, null, probes, flags));

        var connectionString = ServerStoreBench.PostgreSqlConnectionString;
        using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var prepared = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString);
        var account = SqliteBench.Account.Value;
        var delta = $"""
            SELECT v.version, v.snapshot_floor, v.keys, c.value, c.erased, COALESCE(s.list_key, e.list_key)
            FROM (SELECT COALESCE((SELECT version FROM {schema}.suppression_versions WHERE account = $1), 0) AS version,
                         COALESCE((SELECT snapshot_floor FROM {schema}.suppression_versions WHERE account = $1), 0) AS snapshot_floor,
                         (SELECT array_agg(key_id || ':' || fingerprint) FROM {schema}.erasure_keys WHERE account = $1) AS keys) AS v
            LEFT JOIN (SELECT DISTINCT value, erased FROM {schema}.suppression_changes WHERE account = $1 AND version > $2 LIMIT 10001) AS c
              ON v.version <> $2 AND v.version - $2 <= 10000 AND $2 >= v.snapshot_floor
            LEFT JOIN {schema}.suppressions AS s ON NOT c.erased AND s.account = $1 AND s.number = c.value
            LEFT JOIN {schema}.erased_suppressions AS e ON c.erased AND e.account = $1 AND e.pseudonym = c.value;
            """;
        long held;
        using (var c = dataSource.OpenConnection())
        using (var cmd = new NpgsqlCommand($"SELECT version FROM {schema}.suppression_versions WHERE account = $1", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
            held = (long)cmd.ExecuteScalar()!;
        }

        Time("open + SELECT 1 + close", () => Query(dataSource, "SELECT 1", null, null, prepare: false));
        Time("open + SELECT 1 + close, auto-prepared", () => Query(prepared, "SELECT 1", null, null, prepare: false));
        Time("open + counter + close", () => Query(dataSource, $"SELECT version FROM {schema}.suppression_versions WHERE account = $1", account, null, prepare: false));
        Time("open + counter + close, auto-prepared", () => Query(prepared, $"SELECT version FROM {schema}.suppression_versions WHERE account = $1", account, null, prepare: false));
        Time("open + delta + close", () => Query(dataSource, delta, account, held, prepare: false));
        Time("open + delta + close, auto-prepared", () => Query(prepared, delta, account, held, prepare: false));
        using (var kept = prepared.OpenConnection())
        {
            Time("kept connection, delta, auto-prepared", () => Query(kept, delta, account, held));
            Time("kept connection, SELECT 1", () => Query(kept, "SELECT 1", null, null));
            Time("kept connection, counter, auto-prepared", () => Query(kept, $"SELECT version FROM {schema}.suppression_versions WHERE account = $1", account, null));
        }

        using (var c = dataSource.OpenConnection())
        using (var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + delta, c))
        {
            explain.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
            explain.Parameters.Add(new NpgsqlParameter<long> { TypedValue = held });
            using var reader = explain.ExecuteReader();
            while (reader.Read())
            {
                Console.WriteLine("// " + reader.GetString(0));
            }
        }
    }

    private static async Task Query(NpgsqlDataSource source, string sql, string? account, long? held, bool prepare)
    {
        await using var connection = await source.OpenConnectionAsync();
        await Query(connection, sql, account, held);
    }

    private static async Task Query(NpgsqlConnection connection, string sql, string? account, long? held)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (account is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        }

        if (held is { } h)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = h });
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static void Time(string what, Func<Task> call)
    {
        for (var i = 0; i < 200; i++)
        {
            call().GetAwaiter().GetResult();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        Console.WriteLine($"{what}: {clock.Elapsed.TotalMicroseconds / Calls:F1} µs per call");
    }
}
