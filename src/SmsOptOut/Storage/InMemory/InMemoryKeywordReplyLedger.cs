using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.InMemory;

/// <summary>When each number was last answered, in process memory. Not durable.</summary>
internal sealed class InMemoryKeywordReplyLedger : IKeywordReplyLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, ulong Number), DateTimeOffset> _lastReply = [];

    public Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateReply(account, number, quietPeriod);
        var key = (account.Value, number.Value);
        lock (_gate)
        {
            if (_lastReply.TryGetValue(key, out var last) && last > now - quietPeriod)
            {
                return Task.FromResult(false);
            }

            _lastReply[key] = now;
            return Task.FromResult(true);
        }
    }

    /// <summary>Whether a number has a reply row in an account.</summary>
    public bool Holds(AccountId account, PhoneNumber number)
    {
        lock (_gate)
        {
            return _lastReply.ContainsKey((account.Value, number.Value));
        }
    }

    /// <summary>Deletes a number's reply row in an account; returns how many (0 or 1).</summary>
    public int Remove(AccountId account, PhoneNumber number)
    {
        lock (_gate)
        {
            return _lastReply.Remove((account.Value, number.Value)) ? 1 : 0;
        }
    }
}
