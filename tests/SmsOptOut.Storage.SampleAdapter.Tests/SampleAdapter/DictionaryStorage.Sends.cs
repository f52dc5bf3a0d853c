using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Frequency caps: the send times of each counter and number in the account's state, checked and recorded under the lock.</summary>
internal sealed partial class DictionaryStorage
{
    public Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        SendLedgerArguments.ValidateReserve(account, numbers, limits, reserved);
        var granted = 0;
        lock (_gate)
        {
            var sends = State(account).Sends;
            for (var i = 0; i < numbers.Length; i++)
            {
                var number = numbers.Span[i].Value;
                var times = limits.Select(l => (Limit: l, Times: sends.TryGetValue((l.Counter, number), out var t) ? t : null)).ToList();
                reserved.Span[i] = times.TrueForAll(x => x.Times is null || x.Times.Count(t => t > now - x.Limit.Window) < x.Limit.Messages);
                if (!reserved.Span[i])
                {
                    continue;
                }

                granted++;
                foreach (var (limit, _) in times)
                {
                    if (!sends.TryGetValue((limit.Counter, number), out var list))
                    {
                        sends[(limit.Counter, number)] = list = [];
                    }

                    list.Add(now);
                }
            }
        }

        return Task.FromResult(granted);
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var purged = 0;
        lock (_gate)
        {
            foreach (var sends in _accounts.Values.Select(a => a.Sends))
            {
                foreach (var key in sends.Keys.ToList())
                {
                    if (purged == limit)
                    {
                        return Task.FromResult(purged);
                    }

                    // One counter of one number per step: its old sends go, and the counter too when none is left.
                    if (sends[key].RemoveAll(t => t < sentBefore) > 0)
                    {
                        purged++;
                        if (sends[key].Count == 0)
                        {
                            sends.Remove(key);
                        }
                    }
                }
            }
        }

        return Task.FromResult(purged);
    }
}
