using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Opt-ins and double opt-in requests in process memory. Not durable.</summary>
internal sealed class InMemoryOptInStore : IOptInStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, ulong Number), OptInRecord> _records = [];

    /// <summary>The standings above <see cref="OptInLevel.None"/> by account and number, for batch reads without hashing the account per number.</summary>
    private readonly Dictionary<string, Dictionary<ulong, OptInStanding>> _levels = new(StringComparer.Ordinal);

    public Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
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

            Set(current with { Request = request });
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

            var confirmed = current with { Level = OptInLevel.Confirmed, LevelAt = now, Evidence = evidence, Basis = ConsentBasis.Express, ConsentExpiresAt = null };
            Set(confirmed);
            return Task.FromResult<OptInRecord?>(confirmed);
        }
    }

    public Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInGrant(account, number, grant);
        lock (_gate)
        {
            var current = _records.GetValueOrDefault((account.Value, number.Value)) ?? new OptInRecord(account, number);
            if (!grant.Replaces(current.Standing))
            {
                return Task.FromResult(false);
            }

            Set(current with { Level = OptInLevel.OptedIn, LevelAt = grant.At, Evidence = grant.Evidence, Basis = grant.Basis, ConsentExpiresAt = grant.ExpiresAt });
            return Task.FromResult(true);
        }
    }

    public async Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return await RevokeManyAsync(account, new[] { number }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<int> RevokeManyAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateBatch(account, numbers);
        var deleted = 0;
        lock (_gate)
        {
            var levels = _levels.GetValueOrDefault(account.Value);
            foreach (var number in numbers.Span)
            {
                levels?.Remove(number.Value);
                deleted += _records.Remove((account.Value, number.Value)) ? 1 : 0;
            }
        }

        return Task.FromResult(deleted);
    }

    public Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((account.Value, number.Value)));
        }
    }

    public Task GetStandingsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInStanding> standings, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateStandings(account, numbers, standings);
        var span = standings.Span;
        var batch = numbers.Span;
        lock (_gate)
        {
            if (!_levels.TryGetValue(account.Value, out var byNumber))
            {
                span[..batch.Length].Clear();
                return Task.CompletedTask;
            }

            for (var i = 0; i < batch.Length; i++)
            {
                span[i] = byNumber.GetValueOrDefault(batch[i].Value);
            }
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateExpiringWindow(account, after, until);
        lock (_gate)
        {
            return _records.Values
                .Where(r => r.Account == account && r.Level == OptInLevel.OptedIn && r.ConsentExpiresAt > after && r.ConsentExpiresAt <= until)
                .OrderBy(r => r.ConsentExpiresAt).ThenBy(r => r.Number.Value).ToList().ToAsyncEnumerable();
        }
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

    private void Set(OptInRecord record)
    {
        _records[(record.Account.Value, record.Number.Value)] = record;
        if (record.Level != OptInLevel.None)
        {
            if (!_levels.TryGetValue(record.Account.Value, out var byNumber))
            {
                _levels[record.Account.Value] = byNumber = [];
            }

            byNumber[record.Number.Value] = record.Standing;
        }
    }
}
