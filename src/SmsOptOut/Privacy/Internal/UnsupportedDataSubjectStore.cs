using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Privacy.Internal;

/// <summary>Stands in for a storage adapter that cannot erase: every call says so, naming what to do.</summary>
internal sealed class UnsupportedDataSubjectStore : IDataSubjectStore
{
    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default) => throw NotSupported();

    public IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default) => throw NotSupported();

    public Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default) => throw NotSupported();

    public IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync(CancellationToken cancellationToken = default) => throw NotSupported();

    private static NotSupportedException NotSupported() => new(
        "The storage in use registers no IDataSubjectStore, so it cannot erase, export or minimize a person's data, or keep their requests. "
        + "UseSqlite, UsePostgreSql, UseRedis and UseInMemory can; a custom adapter implements IDataSubjectStore and passes the conformance suite.");
}
