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
}
