using System.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>--snapshot-footprint &lt;numbers&gt;</c>: builds one account's suppression snapshot of that many account-wide
/// numbers (the part of a store's load after the rows are read) and reports the time, the retained memory per number
/// after a full collection, and the time per number of marking 1M probes (about half suppressed) in batches of 4,096,
/// against a <see cref="HashSet{T}"/> of the same numbers.
/// </summary>
internal static class SnapshotFootprint
{
    public static void Run(int count)
    {
        var options = new SmsOptOutOptions();
        options.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey);
        var pseudonyms = new SmsOptOut.Privacy.NumberPseudonyms(Microsoft.Extensions.Options.Options.Create(options));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var builder = new SuppressionSnapshot.Builder(long.MaxValue);
        for (var i = 0; i < count; i++)
        {
            builder.Add(12_120_000_000UL + ((ulong)i * 2), pseudonym: false, string.Empty);
        }

        var snapshot = builder.Build();
        var built = clock.Elapsed;
        builder = null;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{count:N0} numbers: built in {built.TotalMilliseconds:F0} ms ({built.TotalNanoseconds / count:F0} ns per number); " +
            $"retained {(after - before) / (double)count:F1} bytes per number (tables {snapshot.Bytes / (double)count:F1})");

        var random = new Random(3);
        var probes = Enumerable.Range(0, 1_000_000).Select(_ => PhoneNumber.FromValue(12_120_000_000UL + (ulong)random.Next(0, 2 * count))).ToArray();
        var flags = new bool[4_096];
        var hits = 0;
        clock.Restart();
        for (var start = 0; start < probes.Length; start += flags.Length)
        {
            var batch = probes.AsSpan(start, Math.Min(flags.Length, probes.Length - start));
            Array.Clear(flags);
            hits += snapshot.Mark(pseudonyms, null, batch, flags);
        }

        var marked = clock.Elapsed;
        var set = new HashSet<ulong>(Enumerable.Range(0, count).Select(i => 12_120_000_000UL + ((ulong)i * 2)));
        clock.Restart();
        var baseline = probes.Count(p => set.Contains(p.Value));
        var probed = clock.Elapsed;
        Console.WriteLine($"marking 1,000,000 probes ({hits:N0} suppressed, HashSet {baseline:N0}): {marked.TotalNanoseconds / probes.Length:F1} ns per number; " +
            $"HashSet<ulong> {probed.TotalNanoseconds / probes.Length:F1} ns; ratio {marked / probed:F2}");
        GC.KeepAlive(snapshot);
    }
}
