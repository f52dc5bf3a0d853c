using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage;

/// <summary>
/// Shared source of the adapters (not public API): each account's suppressions held in process memory for list sends
/// (<see cref="SuppressionSnapshot"/>), kept current by a per-account change counter that the store moves in the same
/// transaction (or script) as every change of what the bulk filter answers, and a log of the values changed at each
/// count. A batch reads the counter and the changes since the held snapshot in one round trip, applies them, and probes
/// memory: a change committed before that read is always seen. The probe of the snapshot held runs while the read is
/// on its way and is the answer when the read finds nothing changed; otherwise it is cleared and the batch probed again
/// in the snapshot brought up to date. The first batch of an account starts a load in the
/// background and is probed in the store, as is every batch until the load is done; an account whose suppressions
/// do not fit in what is left of <c>maxNumbers</c> is never held.
/// </summary>
internal sealed class SuppressionSnapshots
{
    /// <summary>The name of the counter of batches by where they were answered.</summary>
    public const string BatchesInstrument = "smsoptout.suppression_snapshot.batches";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _accounts = new(StringComparer.Ordinal);
    private readonly NumberPseudonyms _pseudonyms;
    private readonly TimeProvider _time;
    private readonly Counter<long> _batches;
    private readonly Action<string, Exception>? _loadFailed;
    private long _held;

    /// <param name="maxNumbers">The most suppressions held over every account of the store.</param>
    /// <param name="pseudonyms">Computes the pseudonyms of erased numbers.</param>
    /// <param name="time">The clock, for retrying a failed or refused load.</param>
    /// <param name="meterFactory">The container's meter factory, if any.</param>
    /// <param name="loadFailed">Told of a load that failed (the account, the error); the store logs it.</param>
    public SuppressionSnapshots(long maxNumbers, NumberPseudonyms pseudonyms, TimeProvider time, IMeterFactory? meterFactory, Action<string, Exception>? loadFailed = null)
    {
        MaxNumbers = maxNumbers;
        _pseudonyms = pseudonyms;
        _time = time;
        _loadFailed = loadFailed;
        var meter = meterFactory?.Create(SmsOptOutDiagnostics.MeterName) ?? new Meter(SmsOptOutDiagnostics.MeterName);
        _batches = meter.CreateCounter<long>(BatchesInstrument, unit: "{batch}",
            description: "Bulk filter batches by where they were answered: memory (the account's suppression snapshot) or store (probed in the database while the snapshot loads, or when it is off or too large).");
        meter.CreateObservableGauge("smsoptout.suppression_snapshot.numbers", () => Interlocked.Read(ref _held), unit: "{number}",
            description: "Suppressions held in memory by this store's suppression snapshots, over every account.");
    }

    /// <summary>The most suppressions held over every account.</summary>
    public long MaxNumbers { get; }

    /// <summary>The suppressions held now.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>
    /// Marks the suppressed numbers of the batch from the account's snapshot, brought up to date first with
    /// <paramref name="readDelta"/> (one round trip); returns how many, or <see langword="null"/> when there is no
    /// snapshot to use yet (one is being loaded with <paramref name="load"/>, in the background) and the caller probes
    /// the store. The flags must be cleared by the caller.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="list">The list, or <see langword="null"/> for account-wide only.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">One flag per number.</param>
    /// <param name="readDelta">Reads the current position and the changes since the given one, in one snapshot of the store.</param>
    /// <param name="load">Reads every suppression of the account into the builder, with the position they are at, in one snapshot
    /// of the store (or as a scan followed by the changes since a position read before it); false when the builder refused a row.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<int?> MarkAsync(string account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        Func<long, CancellationToken, Task<SuppressionDelta>> readDelta, Func<SuppressionSnapshot.Builder, CancellationToken, Task<bool>> load,
        CancellationToken cancellationToken)
    {
        var entry = _accounts.GetOrAdd(account, _ => new Entry());
        var held = Volatile.Read(ref entry.Current);
        if (held is null)
        {
            StartLoad(account, entry, load);
            _batches.Add(1, new KeyValuePair<string, object?>("smsoptout.source", "store"));
            return null;
        }

        // While the counter is read (a round trip to the server), the batch is marked from the snapshot held: the answer
        // when nothing was committed since, which is what most batches find. When the last read found changes, the next
        // one is likely to as well, and the batch waits for it instead of being marked twice.
        var reading = readDelta(held.Position, cancellationToken);
        int? marked = null;
        if (Volatile.Read(ref entry.Moved) == 0)
        {
            marked = held.Mark(_pseudonyms, list, numbers.Span, suppressed.Span);
        }

        SuppressionDelta delta;
        try
        {
            delta = await reading.ConfigureAwait(false);
        }
        catch
        {
            suppressed.Span.Clear();
            throw;
        }

        if (!delta.Complete || !string.Equals(delta.Epoch, held.Epoch, StringComparison.Ordinal))
        {
            suppressed.Span.Clear();
            Drop(entry, held);
            StartLoad(account, entry, load);
            _batches.Add(1, new KeyValuePair<string, object?>("smsoptout.source", "store"));
            return null;
        }

        var current = held.With(delta);
        Volatile.Write(ref entry.Moved, ReferenceEquals(current, held) ? 0 : 1);
        if (!ReferenceEquals(current, held))
        {
            Publish(entry, held, current);
            if (marked is not null)
            {
                suppressed.Span.Clear();
                marked = null;
            }
        }

        _batches.Add(1, new KeyValuePair<string, object?>("smsoptout.source", "memory"));
        return marked ?? current.Mark(_pseudonyms, list, numbers.Span, suppressed.Span);
    }

    /// <summary>Forgets every snapshot (the store may have lost writes: a failover, a restart); the next batches load them again.</summary>
    public void Clear()
    {
        foreach (var entry in _accounts.Values)
        {
            if (Volatile.Read(ref entry.Current) is { } held)
            {
                Drop(entry, held);
            }
        }
    }

    private void Publish(Entry entry, SuppressionSnapshot held, SuppressionSnapshot current)
    {
        // Only over the snapshot it was made from: a newer one published meanwhile by another batch stays.
        if (Interlocked.CompareExchange(ref entry.Current, current, held) == held)
        {
            Interlocked.Add(ref _held, current.Held - held.Held);
        }
    }

    private void Drop(Entry entry, SuppressionSnapshot held)
    {
        if (Interlocked.CompareExchange(ref entry.Current, null, held) == held)
        {
            Interlocked.Add(ref _held, -held.Held);
        }
    }

    private void StartLoad(string account, Entry entry, Func<SuppressionSnapshot.Builder, CancellationToken, Task<bool>> load)
    {
        if (_time.GetUtcNow().UtcTicks < Interlocked.Read(ref entry.NotBefore) || Interlocked.CompareExchange(ref entry.Loading, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var budget = MaxNumbers - Held;
                var builder = new SuppressionSnapshot.Builder(budget);
                if (budget <= 0 || !await load(builder, CancellationToken.None).ConfigureAwait(false))
                {
                    // Too many to hold now: probed in the store; tried again later, when others may have been dropped.
                    Interlocked.Exchange(ref entry.NotBefore, (_time.GetUtcNow() + RetryAfter).UtcTicks);
                    return;
                }

                var snapshot = builder.Build();
                if (Interlocked.Add(ref _held, snapshot.Held) > MaxNumbers)
                {
                    Interlocked.Add(ref _held, -snapshot.Held);
                    Interlocked.Exchange(ref entry.NotBefore, (_time.GetUtcNow() + RetryAfter).UtcTicks);
                    return;
                }

                if (Interlocked.CompareExchange(ref entry.Current, snapshot, null) is not null)
                {
                    Interlocked.Add(ref _held, -snapshot.Held);
                }
            }
            catch (Exception e)
            {
                Interlocked.Exchange(ref entry.NotBefore, (_time.GetUtcNow() + RetryAfter).UtcTicks);
                _loadFailed?.Invoke(account, e);
            }
            finally
            {
                Volatile.Write(ref entry.Loading, 0);
            }
        });
    }

    private sealed class Entry
    {
        public SuppressionSnapshot? Current;
        public int Loading;
        public long NotBefore;

        /// <summary>1 when the last read of the counter found changes: the next batch waits for its read before marking.</summary>
        public int Moved;
    }
}
