using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Opt-ins and double opt-in requests: one record per number in each account's state, changed under the lock.</summary>
internal sealed partial class DictionaryStorage
{
    public Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
        lock (_gate)
        {
            var records = State(account).OptIns;
            var record = records.GetValueOrDefault(number.Value) ?? new OptInRecord(account, number);
            var outcome = record switch
            {
                { Level: OptInLevel.Confirmed } => OptInRequestOutcome.AlreadyConfirmed,
                { Request.RequestedAt: var last } when last > request.RequestedAt - resendAfter => OptInRequestOutcome.RecentlyRequested,
                _ => OptInRequestOutcome.Saved,
            };
            if (outcome == OptInRequestOutcome.Saved)
            {
                records[number.Value] = record with { Request = request };
            }

            return Task.FromResult(outcome);
        }
    }

    public Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        lock (_gate)
        {
            var records = State(account).OptIns;
            OptInRecord? confirmed = null;
            if (records.GetValueOrDefault(number.Value) is { } record && record.IsPending(now))
            {
                confirmed = records[number.Value] = record with { Level = OptInLevel.Confirmed, LevelAt = now, Evidence = evidence, Basis = ConsentBasis.Express, ConsentExpiresAt = null };
            }

            return Task.FromResult(confirmed);
        }
    }

    public Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInGrant(account, number, grant);
        lock (_gate)
        {
            var records = State(account).OptIns;
            var record = records.GetValueOrDefault(number.Value) ?? new OptInRecord(account, number);
            var replaces = grant.Replaces(record.Standing);
            if (replaces)
            {
                records[number.Value] = record with
                {
                    Level = OptInLevel.OptedIn, LevelAt = grant.At, Evidence = grant.Evidence, Basis = grant.Basis, ConsentExpiresAt = grant.ExpiresAt,
                };
            }

            return Task.FromResult(replaces);
        }
    }

    public Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            return Task.FromResult(State(account).OptIns.Remove(number.Value));
        }
    }

    public Task<int> RevokeManyAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateBatch(account, numbers);
        lock (_gate)
        {
            var optIns = _accounts.GetValueOrDefault(account.Value)?.OptIns;
            var deleted = 0;
            foreach (var number in numbers.Span)
            {
                deleted += optIns?.Remove(number.Value) == true ? 1 : 0;
            }

            return Task.FromResult(deleted);
        }
    }

    public Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(account.Value)?.OptIns.GetValueOrDefault(number.Value));
        }
    }

    public Task GetStandingsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInStanding> standings, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateStandings(account, numbers, standings);
        lock (_gate)
        {
            var records = _accounts.GetValueOrDefault(account.Value)?.OptIns;
            for (var i = 0; i < numbers.Length; i++)
            {
                standings.Span[i] = records?.GetValueOrDefault(numbers.Span[i].Value)?.Standing ?? default;
            }
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateExpiringWindow(account, after, until);
        lock (_gate)
        {
            return ((IEnumerable<OptInRecord>?)_accounts.GetValueOrDefault(account.Value)?.OptIns.Values ?? [])
                .Where(r => r.Level == OptInLevel.OptedIn && r.ConsentExpiresAt > after && r.ConsentExpiresAt <= until)
                .OrderBy(r => r.ConsentExpiresAt).ThenBy(r => r.Number.Value).ToList().ToAsyncEnumerable();
        }
    }

    Task<IReadOnlyList<AccountId>> IOptInStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountId>>(
                [.. _accounts.Where(a => a.Value.OptIns.ContainsKey(number.Value)).Select(a => new AccountId(a.Key)).OrderBy(a => a.Value, StringComparer.Ordinal)]);
        }
    }

    public Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var deleted = 0;
        lock (_gate)
        {
            foreach (var records in _accounts.Values.Select(a => a.OptIns))
            {
                foreach (var number in records.Where(r => r.Value.Level == OptInLevel.None && !r.Value.IsPending(now)).Select(r => r.Key).ToList())
                {
                    if (deleted == limit)
                    {
                        return Task.FromResult(deleted);
                    }

                    records.Remove(number);
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }
}
