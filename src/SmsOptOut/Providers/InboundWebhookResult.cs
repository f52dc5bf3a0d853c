using SmsOptOut.Consent;
using SmsOptOut.Keywords;

namespace SmsOptOut.Providers;

/// <summary>What a provider's webhook carried once verified, or why it was refused.</summary>
public sealed record InboundWebhookResult
{
    private InboundWebhookResult(InboundWebhookStatus status, string? reason)
    {
        Status = status;
        Reason = reason;
    }

    /// <summary>Accepted, refused, and why.</summary>
    public InboundWebhookStatus Status { get; }

    /// <summary>Why the request was refused, in words that name nothing secret (sent back to the caller and logged).</summary>
    public string? Reason { get; }

    /// <summary>The account the request belongs to, once known.</summary>
    public AccountId? Account { get; init; }

    /// <summary>Messages people sent to the account's numbers: for the keyword processor.</summary>
    public IReadOnlyList<InboundSms> Messages { get; init; } = [];

    /// <summary>Opt-outs and opt-ins the provider reports (an opt-out callback, a delivery report saying the recipient opted out).</summary>
    public IReadOnlyList<ProviderConsentChange> ConsentChanges { get; init; } = [];

    /// <summary>
    /// The replay guard's key of the request's one-time value (nonce, signature), when it had one: a host that fails to
    /// record what the request carried calls <see cref="IWebhookReplayGuard.ForgetAsync"/> with it, so the provider's retry
    /// is accepted rather than refused as a replay.
    /// </summary>
    public string? OneTimeKey { get; init; }

    /// <summary>A verified request with what it carried.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The result; set <see cref="Messages"/> and <see cref="ConsentChanges"/> on it.</returns>
    public static InboundWebhookResult Accepted(AccountId account) => new(InboundWebhookStatus.Accepted, null) { Account = account };

    /// <summary>A refused request.</summary>
    /// <param name="status">Why: any status but <see cref="InboundWebhookStatus.Accepted"/>.</param>
    /// <param name="reason">In words that name nothing secret.</param>
    /// <returns>The result.</returns>
    public static InboundWebhookResult Refused(InboundWebhookStatus status, string reason) =>
        status == InboundWebhookStatus.Accepted
            ? throw new ArgumentException("A refusal needs a status other than Accepted.", nameof(status))
            : new InboundWebhookResult(status, reason ?? throw new ArgumentNullException(nameof(reason)));
}
