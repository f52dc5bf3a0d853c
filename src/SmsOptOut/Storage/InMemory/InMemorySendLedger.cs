using System.Runtime.InteropServices;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.InMemory;

/// <summary>The messages sent per recipient, by account and counter, in process memory. Not durable.</summary>
internal sealed class InMemorySendLedger : ISendLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Counter), Dictionary<ulong, InMemorySendTimes>> _counters = [];

    public Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        SendLedgerArguments.ValidateReserve(account, numbers, limits, reserved);
        var count = 0;
        lock (_gate)
        {
            var counters = new Dictionary<ulong, InMemorySendTimes>[limits.Count];
            for (var l = 0; l < limits.Count; l++)
            {
                if (!_counters.TryGetValue((account.Value, limits[l].Counter), out counters[l]!))
                {
                    _counters[(account.Value, limits[l].Counter)] = counters[l] = [];
                }
            }

            var batch = numbers.Span;
            var flags = reserved.Span;
            for (var i = 0; i < batch.Length; i++)
            {
                var number = batch[i].Value;
                var allowed = true;
                for (var l = 0; l < limits.Count && allowed; l++)
                {
                    allowed = !counters[l].TryGetValue(number, out var times) || times.CountAfter(now - limits[l].Window) < limits[l].Messages;
                }

                if (allowed)
                {
                    for (var l = 0; l < limits.Count; l++)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(counters[l], number, out _).Add(now);
                    }

                    count++;
                }

                flags[i] = allowed;
            }
        }

        return Task.FromResult(count);
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var deleted = 0;
        lock (_gate)
        {
            foreach (var counter in _counters.Values)
            {
                foreach (var number in counter.Keys.ToList())
                {
                    if (deleted == limit)
                    {
                        return Task.FromResult(deleted);
                    }

                    ref var times = ref CollectionsMarshal.GetValueRefOrNullRef(counter, number);
                    deleted += times.RemoveBefore(sentBefore, limit - deleted);
                    if (times.Count == 0)
                    {
                        counter.Remove(number);
                    }
                }
            }
        }

        return Task.FromResult(deleted);
    }
}
