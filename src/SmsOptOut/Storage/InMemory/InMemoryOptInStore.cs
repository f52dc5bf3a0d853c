using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Opt-ins and double opt-in requests in process memory. Not durable.</summary>
internal sealed class InMemoryOptInStore : IOptInStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, ulong Number), OptInRecord> _records = [];

    public Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
        lock (_gate)
        {
            var current = _records.GetValueOrDefault((account.Value, number.Value)) ?? new OptInRecord(account, number);
            if (current.Level == OptInLevel.Confirmed)
            {
                return Task.FromResult(OptInRequestOutcome.AlreadyConfirmed);
            }

            if (current.Request is { } previous && previous.RequestedAt > request.RequestedAt - resendAfter)
            {
                return Task.FromResult(OptInRequestOutcome.RecentlyRequested);
            }

            _records[(account.Value, number.Value)] = current with { Request = request };
            return Task.FromResult(OptInRequestOutcome.Saved);
        }
    }

    public Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        lock (_gate)
        {
            if (!_records.TryGetValue((account.Value, number.Value), out var current) || !current.IsPending(now))
            {
                return Task.FromResult<OptInRecord?>(null);
            }

            var confirmed = current with { Level = OptInLevel.Confirmed, LevelAt = now, Evidence = evidence };
            _records[(account.Value, number.Value)] = confirmed;
            return Task.FromResult<OptInRecord?>(confirmed);
        }
    }

    public Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, DateTimeOffset at, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        lock (_gate)
        {
            var current = _records.GetValueOrDefault((account.Value, number.Value)) ?? new OptInRecord(account, number);
            if (current.Level >= OptInLevel.OptedIn)
            {
                return Task.FromResult(false);
            }

            _records[(account.Value, number.Value)] = current with { Level = OptInLevel.OptedIn, LevelAt = at, Evidence = evidence };
            return Task.FromResult(true);
        }
    }

    public Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            return Task.FromResult(_records.Remove((account.Value, number.Value)));
        }
    }

    public Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((account.Value, number.Value)));
        }
    }

    public Task GetLevelsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInLevel> levels, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLevels(account, numbers, levels);
        lock (_gate)
        {
            var span = levels.Span;
            var batch = numbers.Span;
            for (var i = 0; i < batch.Length; i++)
            {
                span[i] = _records.TryGetValue((account.Value, batch[i].Value), out var record) ? record.Level : OptInLevel.None;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountId>>([.. _records.Keys.Where(k => k.Number == number.Value).Select(k => new AccountId(k.Account))]);
        }
    }

    public Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        lock (_gate)
        {
            var expired = _records.Where(r => r.Value.Level == OptInLevel.None && (r.Value.Request is null || r.Value.Request.ExpiresAt <= now))
                .Select(r => r.Key).Take(limit).ToList();
            foreach (var key in expired)
            {
                _records.Remove(key);
            }

            return Task.FromResult(expired.Count);
        }
    }
}
