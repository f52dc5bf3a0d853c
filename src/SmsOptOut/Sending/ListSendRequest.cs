using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>A message to every recipient of a list.</summary>
/// <param name="Account">The sending account.</param>
/// <param name="List">The list; its suppressions and the account's apply, and <c>{optout}</c> links record it.</param>
/// <param name="Template">The message; <c>{optout}</c> becomes each recipient's link (see <c>MessageTemplate</c>).</param>
public sealed record ListSendRequest(AccountId Account, ListId List, string Template)
{
    /// <summary>What the messages are for; <c>SmsOptOutOptions.Sending.DefaultPurpose</c> (marketing) when <see langword="null"/>.</summary>
    public MessagePurpose? Purpose { get; init; }

    /// <summary>The campaign, recorded with link opt-outs.</summary>
    public CampaignId? Campaign { get; init; }

    /// <summary>
    /// The sending address (phone number, short code or alphanumeric sender ID); <see langword="null"/> lets the
    /// transport choose. Per-sender keyword suppressions, sender-scoped frequency caps and quiet-hours rules for its type apply to it.
    /// </summary>
    public SenderAddress? From { get; init; }

    /// <summary>The region for recipients without a country code; <c>SmsOptOutOptions.DefaultRegion</c> when <see langword="null"/>.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>
    /// Why this list may skip the Do-Not-Call registry. <see cref="DoNotCallExemption.None"/> (the default): it is
    /// marketing, and numbers on the account's or the global registry set are skipped.
    /// </summary>
    public DoNotCallExemption DoNotCallExemption { get; init; }

    /// <summary>
    /// What consent each recipient needs beyond not being suppressed: <see cref="ConsentRequirement.None"/> (default), any
    /// recorded opt-in, or a confirmed double opt-in. Recipients without it are skipped as <see cref="RecipientStatus.NoConsent"/>.
    /// </summary>
    public ConsentRequirement Consent { get; init; }

    /// <summary>Called once per recipient, in batches, as outcomes are known. Keep it quick; per-recipient detail is not kept otherwise.</summary>
    public Func<RecipientOutcome, CancellationToken, ValueTask>? OnRecipient { get; init; }
}
