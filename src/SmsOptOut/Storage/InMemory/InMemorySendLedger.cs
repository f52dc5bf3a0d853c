using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.InMemory;

/// <summary>The messages sent per recipient and counter, in process memory. Not durable.</summary>
internal sealed class InMemorySendLedger : ISendLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Counter, ulong Number), List<DateTimeOffset>> _sent = [];

    public Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateReserve(account, numbers, limits, reserved);
        var count = 0;
        lock (_gate)
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                var number = numbers.Span[i].Value;
                var allowed = limits.All(l => !_sent.TryGetValue((account.Value, l.Counter, number), out var times) || times.Count(t => t > now - l.Window) < l.Messages);
                if (allowed)
                {
                    foreach (var limit in limits)
                    {
                        Sent(account, limit.Counter, number).Add(now);
                    }

                    count++;
                }

                reserved.Span[i] = allowed;
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
            foreach (var (key, times) in _sent.ToList())
            {
                times.Sort();
                var old = Math.Min(times.Count(t => t < sentBefore), limit - deleted);
                times.RemoveRange(0, old);
                deleted += old;
                if (times.Count == 0)
                {
                    _sent.Remove(key);
                }

                if (deleted == limit)
                {
                    break;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    private List<DateTimeOffset> Sent(AccountId account, string counter, ulong number)
    {
        if (!_sent.TryGetValue((account.Value, counter, number), out var times))
        {
            _sent[(account.Value, counter, number)] = times = [];
        }

        return times;
    }
}
