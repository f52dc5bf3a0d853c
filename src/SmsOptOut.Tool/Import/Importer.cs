using System.Diagnostics;
using System.Threading.Channels;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// Reads a file's rows into batches on one task and applies each batch atomically (one transaction) on another, so
/// parsing and writing overlap. A refused row is reported and the import goes on. Memory stays flat: at most a few
/// batches are in flight.
/// </summary>
internal sealed class Importer(IOptOutService optOut, ISuppressionStore? store, OptOutRowReader reader, AccountId account, ColumnMap columns)
{
    public const int BatchSize = 1_000;

    /// <summary>Called with each refused row (its line and text) and the reason.</summary>
    public Action<ImportRow, string>? Refused { get; init; }

    /// <summary>Called after each batch with the rows read so far.</summary>
    public Action<long>? Progress { get; init; }

    public async Task<ImportSummary> RunAsync(ImportFile file, bool dryRun, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary { DryRun = dryRun };
        var clock = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<List<ConsentRequest>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(file, summary, batches.Writer, stop.Token), CancellationToken.None);
        var seen = dryRun ? new HashSet<(ulong, string?)>() : null;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var applied = seen is null ? await ApplyAsync(batch, cancellationToken).ConfigureAwait(false) : await CountNewAsync(batch, seen, cancellationToken).ConfigureAwait(false);
                summary.Applied += applied;
                summary.AlreadySuppressed += batch.Count - applied;
                summary.PeakManagedHeapBytes = Math.Max(summary.PeakManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
                Progress?.Invoke(Volatile.Read(ref summary.ReadCounter));
            }
        }
        finally
        {
            // When applying failed, the reader must not stay blocked on a full channel that nobody reads any more.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }

        summary.Read = summary.ReadCounter;
        summary.Seconds = clock.Elapsed.TotalSeconds;
        summary.PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        return summary;
    }

    private async Task ProduceAsync(ImportFile file, ImportSummary summary, ChannelWriter<List<ConsentRequest>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ConsentRequest>(BatchSize);
            foreach (var raw in file.Rows())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref summary.ReadCounter);
                var row = columns.Map(raw);
                if (row.Skip is not null)
                {
                    summary.Skipped++;
                    continue;
                }

                if (!reader.TryRead(row, out var request, out var problem))
                {
                    summary.Refused++;
                    Refused?.Invoke(row, problem);
                    continue;
                }

                batch.Add(request);
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<ConsentRequest>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    private async Task<int> ApplyAsync(List<ConsentRequest> batch, CancellationToken cancellationToken)
    {
        var results = await optOut.OptOutManyAsync(batch, cancellationToken).ConfigureAwait(false);
        return results.Count(r => r.Status == ConsentApplyStatus.Applied);
    }

    /// <summary>A dry run: how many of the batch would be recorded (not suppressed in their scope, and not earlier in the file); without a store (a SQLite file not created yet) none is.</summary>
    private async Task<int> CountNewAsync(List<ConsentRequest> batch, HashSet<(ulong, string?)> seen, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var scope in batch.GroupBy(r => r.List))
        {
            var numbers = scope.Select(r => r.Number).ToArray();
            var suppressed = new bool[numbers.Length];
            if (store is not null)
            {
                await store.FilterAsync(account, scope.Key, numbers, suppressed, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < numbers.Length; i++)
            {
                count += !suppressed[i] && seen.Add((numbers[i].Value, scope.Key?.Value)) ? 1 : 0;
            }
        }

        return count;
    }
}
