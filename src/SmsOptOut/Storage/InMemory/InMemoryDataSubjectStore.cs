using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Erasure, access, retention and requests over the in-memory stores; an erasure runs under the account's lock, requests under their own. Not durable.</summary>
internal sealed class InMemoryDataSubjectStore(InMemorySuppressionStore suppression, InMemoryLinkTokenStore tokens, InMemoryKeywordReplyLedger ledger,
    InMemoryWebhookOutbox outbox) : IDataSubjectStore
{
    private readonly Lock _requestsGate = new();
    private readonly Dictionary<string, DataSubjectRequestRecord> _requests = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AccountId>>([.. suppression.AccountsOf(number).Union(tokens.AccountsOf(number)).Union(ledger.AccountsOf(number))]);

    public Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateErasure(number, pseudonym, record);
        cancellationToken.ThrowIfCancellationRequested();
        var account = record.Account;
        return Task.FromResult(suppression.Erase(number, pseudonym, record,
            eventIds => (tokens.RemoveNumber(account, number), outbox.RemoveEvents(account, eventIds), ledger.Remove(account, number))));
    }

    public async IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in suppression.Erasures(account))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default) =>
        Task.FromResult(suppression.SuppressionsOf(account, number));

    public async Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in suppression.GetHistoryAsync(account, number, cancellationToken).ConfigureAwait(false))
        {
            eventIds.Add(e.EventId);
        }

        return outbox.OfEvents(account, eventIds);
    }

    public Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default) =>
        Task.FromResult(tokens.TokensOf(account, number));

    public Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return Task.FromResult(suppression.MinimizeEvidence(recordedBefore, limit));
    }

    public Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequest(request);
        lock (_requestsGate)
        {
            return Task.FromResult(_requests.TryAdd(request.Reference, request));
        }
    }

    public Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestReference(reference);
        lock (_requestsGate)
        {
            return Task.FromResult(_requests.GetValueOrDefault(reference));
        }
    }

    public Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, reason);
        lock (_requestsGate)
        {
            if (!_requests.TryGetValue(reference, out var request) || !request.IsOpen || request.ExtendedDueAt is not null)
            {
                return Task.FromResult(false);
            }

            _requests[reference] = request with { ExtendedDueAt = extendedDueAt, ExtensionReason = reason };
            return Task.FromResult(true);
        }
    }

    public Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, resolution);
        lock (_requestsGate)
        {
            if (!_requests.TryGetValue(reference, out var request) || !request.IsOpen)
            {
                return Task.FromResult(false);
            }

            _requests[reference] = request with { ClosedAt = closedAt, Resolution = resolution };
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DataSubjectRequestRecord[] open;
        lock (_requestsGate)
        {
            open = [.. _requests.Values.Where(r => r.IsOpen).OrderBy(r => r.Deadline).ThenBy(r => r.Reference, StringComparer.Ordinal)];
        }

        foreach (var request in open)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return request;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
