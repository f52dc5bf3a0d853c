using SmsOptOut.Consent;

namespace SmsOptOut.Privacy;

/// <summary>The audit record an erasure leaves in an account: when, why, by which request, and how much — never the number.</summary>
/// <param name="Account">The account erased from.</param>
/// <param name="RequestId">The request's reference.</param>
/// <param name="Reason">Why.</param>
/// <param name="ErasedAt">When.</param>
public sealed record ErasureRecord(AccountId Account, string RequestId, string Reason, DateTimeOffset ErasedAt)
{
    /// <summary>Consent events deleted, with their evidence.</summary>
    public int Events { get; init; }

    /// <summary>Suppressions kept as pseudonyms (one per scope the number was suppressed in).</summary>
    public int Suppressions { get; init; }

    /// <summary>Stored opt-out link tokens deleted.</summary>
    public int Tokens { get; init; }

    /// <summary>Webhook and provider-push outbox rows deleted (pending, dead-lettered or delivered).</summary>
    public int Webhooks { get; init; }

    /// <summary>Keyword-reply ledger rows deleted.</summary>
    public int Replies { get; init; }

    /// <summary>
    /// The consent-log leaves whose events this erasure deleted, ascending: the record's own leaf lists them
    /// (docs/evidence.md, "Erasure records in the log"), so verification can tell a leaf that lost its event to an erasure
    /// from an event deleted behind the store's back. Empty for a record kept before erasure records were leaves.
    /// </summary>
    public IReadOnlyList<long> ErasedLeaves { get; init; } = [];

    /// <summary>
    /// The index of this record's own leaf in the account's consent log (<see cref="Evidence.ConsentLogLeaf.ErasureHash"/>);
    /// <see langword="null"/> for a record kept before erasure records were leaves, or by a storage that keeps no log.
    /// </summary>
    public long? LogIndex { get; init; }
}
