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
        KeywordReplyLedgerArguments.ValidateReply(account, number, quietPeriod);
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

    /// <summary>The accounts with a reply row of a number.</summary>
    public IReadOnlyList<AccountId> AccountsOf(PhoneNumber number)
    {
        lock (_gate)
        {
            return [.. _lastReply.Keys.Where(k => k.Number == number.Value).Select(k => new AccountId(k.Account))];
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
