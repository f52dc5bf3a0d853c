using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// A whole log verified end to end, from each store (issue 36: at least 1,000,000 events a second on one core): N
/// opt-outs with realistic evidence applied in batches of 1,000, then, through a new service provider (nothing cached),
/// the log read page by page alone, and <see cref="IConsentEvidence.VerifyAsync"/> timed, which reads the same pages
/// and recomputes every leaf and the tree. The reading is the store's share; the rest is the verification's. Also the
/// leaves alone (<see cref="IConsentLogStore.ReadLeavesAsync"/>), what a tree head or a proof reads.
/// </summary>
internal static class VerifyRate
{
    public static void Run(int events)
    {
        var file = SqliteBench.NewFile();
        try
        {
            Measure("SQLite", events, () => SqliteBench.Services(file, SqliteSynchronous.Normal));
            ReadRaw(file, events);
        }
        finally
        {
            SqliteBench.Delete(file);
        }

        var schema = ServerStoreBench.NewIsolationKey();
        Measure("PostgreSQL", events, () => ServerStoreBench.PostgreSql(schema));
        var prefix = ServerStoreBench.NewIsolationKey();
        Measure("Redis", events, () => ServerStoreBench.Redis(prefix));
    }

    private static void Measure(string name, int events, Func<ServiceProvider> open)
    {
        var seeding = open();
        var store = seeding.GetRequiredService<ISuppressionStore>();
        for (var start = 0; start < events; start += 1_000)
        {
            store.ApplyBatchAsync([.. Enumerable.Range(start, Math.Min(1_000, events - start)).Select(i => new ConsentWrite(Event(i), []))]).GetAwaiter().GetResult();
        }

        seeding.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var services = open();
        var log = services.GetRequiredService<IConsentLogStore>();
        var read = Stopwatch.StartNew();
        long leaves = 0;
        for (IReadOnlyList<ConsentLogEntry> page; (page = log.ReadLogAsync(SqliteBench.Account, leaves, 10_000).GetAwaiter().GetResult()).Count > 0;)
        {
            leaves += page.Count;
        }

        read.Stop();

        // What a tree head or proof reads (the first one of an account in a process reads every leaf).
        var leavesRead = Stopwatch.StartNew();
        long hashes = 0;
        for (IReadOnlyList<byte[]> page; (page = log.ReadLeavesAsync(SqliteBench.Account, hashes, 10_000).GetAwaiter().GetResult()).Count > 0;)
        {
            hashes += page.Count;
        }

        leavesRead.Stop();
        var verify = Stopwatch.StartNew();
        var verification = services.GetRequiredService<IConsentEvidence>().VerifyAsync(SqliteBench.Account).GetAwaiter().GetResult();
        verify.Stop();
        if (!verification.IsIntact || verification.Checked != events || leaves != events || hashes != events)
        {
            throw new InvalidOperationException($"{name}: {leaves} leaves read, {verification.Checked} checked of {events}: {verification.Divergence?.Reason}");
        }

        // The block roots kept with the log: the first checkpoint reads every leaf and writes them; a new process's first
        // certificate then reads them and the proven leaf's block, not every leaf.
        var evidence = services.GetRequiredService<IConsentEvidence>();
        var firstCheckpoint = Stopwatch.StartNew();
        evidence.CheckpointAsync(SqliteBench.Account).GetAwaiter().GetResult();
        firstCheckpoint.Stop();
        var proven = log.ReadLogAsync(SqliteBench.Account, events / 2, 1).GetAwaiter().GetResult()[0].EventId!;
        var fresh = open();
        var certificate = Stopwatch.StartNew();
        var json = fresh.GetRequiredService<IConsentEvidence>().CreateCertificateAsync(SqliteBench.Account, proven).GetAwaiter().GetResult();
        certificate.Stop();
        if (!ConsentCertificateVerifier.Verify(json, evidence.PublicKeys).IsValid)
        {
            throw new InvalidOperationException($"{name}: the certificate of {proven} does not verify.");
        }

        fresh.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: the first checkpoint (every leaf read, the block roots written) {firstCheckpoint.Elapsed.TotalMilliseconds:N0} ms; a new process's first certificate (from the block roots kept) {certificate.Elapsed.TotalMilliseconds:N0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {events:N0} events; the log read alone in {read.Elapsed.TotalSeconds:F2} s ({events / read.Elapsed.TotalSeconds:N0}/s); the leaves alone (ReadLeavesAsync) in {leavesRead.Elapsed.TotalSeconds:F2} s ({events / leavesRead.Elapsed.TotalSeconds:N0}/s); VerifyAsync {verify.Elapsed.TotalSeconds:F2} s = {events / verify.Elapsed.TotalSeconds:N0} events/s"));
        MeasureErasures(name, events, services, verify.Elapsed);
        services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Erasure records as leaves: one number in 100 erased (each erasure appends its record's leaf, listing the erased
    /// one), then the whole log verified again — every page with an erased leaf also reads the erasure records in its
    /// range — against the verification of the same log before, in the same run.
    /// </summary>
    private static void MeasureErasures(string name, int events, ServiceProvider services, TimeSpan before)
    {
        var subjects = services.GetRequiredService<IDataSubjectService>();
        var erasures = events / 100;
        var erasing = Stopwatch.StartNew();
        for (var i = 0; i < erasures; i++)
        {
            subjects.EraseAsync(new ErasureRequest(Event(i * 100).Number, "bench-" + i.ToString(CultureInfo.InvariantCulture), "benchmark") { Account = SqliteBench.Account })
                .GetAwaiter().GetResult();
        }

        erasing.Stop();
        var verify = Stopwatch.StartNew();
        var verification = services.GetRequiredService<IConsentEvidence>().VerifyAsync(SqliteBench.Account).GetAwaiter().GetResult();
        verify.Stop();
        if (!verification.IsIntact || verification.Erasures != erasures || verification.Erased != erasures || verification.LogSize != events + erasures)
        {
            throw new InvalidOperationException($"{name}: after {erasures} erasures, {verification.Erasures} erasure records and {verification.Erased} erased leaves: {verification.Divergence?.Reason}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {erasures:N0} erasures, {erasing.Elapsed.TotalMilliseconds / erasures:F2} ms each with its record's leaf; the log of {events + erasures:N0} leaves (1 in 100 erased, as many erasure records) verified in {verify.Elapsed.TotalSeconds:F2} s = {(events + erasures) / verify.Elapsed.TotalSeconds:N0} leaves/s, {verify.Elapsed / before:F2}x the time without"));
    }

    /// <summary>
    /// Where SQLite's read goes: the same pages through Microsoft.Data.Sqlite by hand — the log's own three columns alone,
    /// the store's join of each log row with its event stepped without reading a column, then every column read.
    /// </summary>
    private static void ReadRaw(string file, int events)
    {
        const string Join = """
            SELECT e.event_id, e.account, e.number, e.kind, e.source, e.scope, e.list, e.campaign, e.occurred_at, e.recorded_at, e.evidence,
                   e.paused_until, e.reverts, e.salt, l.log_index, l.leaf, l.event_id, l.backfilled_at
            FROM consent_log AS l LEFT JOIN consent_events AS e ON e.account = l.account AND e.event_id = l.event_id
            WHERE l.account = $account AND l.log_index >= $from ORDER BY l.log_index LIMIT 10000;
            """;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        connection.Open();
        foreach (var (name, sql, columns) in new[]
        {
            ("the log's rows alone (index, leaf, id)", "SELECT log_index, leaf, event_id FROM consent_log WHERE account = $account AND log_index >= $from ORDER BY log_index LIMIT 10000;", 3),
            ("the join, stepped without reading", Join, 0),
            ("the join, every column read", Join, 18),
        })
        {
            var watch = Stopwatch.StartNew();
            for (var from = 0; from < events; from += 10_000)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$account", SqliteBench.Account.Value);
                command.Parameters.AddWithValue("$from", from);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    for (var c = 0; c < columns; c++)
                    {
                        _ = reader.GetValue(c);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SQLite by hand, {name}: {events / watch.Elapsed.TotalSeconds:N0} rows/s"));
        }
    }

    /// <summary>Half STOP replies, half link opt-outs with user agent and IP, as <see cref="ConsentLogBenchmarks"/>.</summary>
    private static ConsentEvent Event(int i) => SqliteBench.OptOut(i) with
    {
        Source = i % 2 == 0 ? OptOutSource.Keyword : OptOutSource.OptOutLink,
        OccurredAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        RecordedAt = DateTimeOffset.UnixEpoch.AddSeconds(i).AddMilliseconds(40),
        Evidence = i % 2 == 0
            ? new ConsentEvidence { MessageText = "STOP", ProviderName = "twilio", ProviderMessageId = "SM" + i.ToString("x32", CultureInfo.InvariantCulture) }
            : new ConsentEvidence { LinkToken = "Zq8xL2mN0b", IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15" },
    };
}
