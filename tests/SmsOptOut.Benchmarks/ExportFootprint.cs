using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Reports;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Exports N consent events from a SQLite file as CSV and as JSON Lines (to a file) in a fresh process, sampling the
/// managed heap every 5 ms while it runs: run it for 100,000 and 1,000,000 events to see that memory stays flat.
/// </summary>
internal static class ExportFootprint
{
    public static void Run(int events)
    {
        var file = SqliteBench.NewFile();
        var output = Path.ChangeExtension(file, ".out");
        try
        {
            using var services = SqliteBench.Services(file, SqliteSynchronous.Normal);
            var store = services.GetRequiredService<ISuppressionStore>();
            for (var start = 0; start < events; start += 10_000)
            {
                store.ApplyBatchAsync(Enumerable.Range(start, Math.Min(10_000, events - start))
                    .Select(i => new ConsentWrite(SqliteBench.OptOut(i) with { RecordedAt = DateTimeOffset.UnixEpoch.AddSeconds(i + 1) }, [])).ToArray()).GetAwaiter().GetResult();
            }

            var exporter = services.GetRequiredService<IConsentExporter>();
            foreach (var format in new[] { "CSV", "JSON Lines" })
            {
                GC.Collect();
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var peak = before;
                using var sampling = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 5);
                var watch = Stopwatch.StartNew();
                using (var stream = File.Create(output))
                {
                    var written = format == "CSV"
                        ? exporter.WriteCsvAsync(SqliteBench.Account, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, stream).GetAwaiter().GetResult()
                        : exporter.WriteJsonLinesAsync(SqliteBench.Account, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, stream).GetAwaiter().GetResult();
                    if (written != events)
                    {
                        throw new InvalidOperationException($"{written} of {events} events exported.");
                    }
                }

                watch.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{events:N0} events as {format}: {watch.Elapsed.TotalSeconds:F2} s = {events / watch.Elapsed.TotalSeconds:N0} events/s, {new FileInfo(output).Length / 1048576.0:F0} MiB written; " +
                    $"managed heap before {before / 1048576.0:F1} MiB, peak during export {peak / 1048576.0:F1} MiB (+{(peak - before) / 1048576.0:F1} MiB)"));
            }
        }
        finally
        {
            SqliteBench.Delete(file);
            File.Delete(output);
        }
    }
}
