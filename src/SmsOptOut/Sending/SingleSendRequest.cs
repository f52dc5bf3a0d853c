using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>
/// One message to one number, under exactly the rules of a list send of the same <see cref="Purpose"/>: suppression,
/// and where the purpose is bound by them the Do-Not-Call registry, the consent requirement, calling hours, frequency caps,
/// sender identification and the opt-out mechanism. <c>{optout}</c> is refused: the opt-out link is a list feature.
/// </summary>
/// <param name="Account">The sending account.</param>
/// <param name="Number">The recipient in any format (a national number in <see cref="DefaultRegion"/>).</param>
/// <param name="Text">The message.</param>
public sealed record SingleSendRequest(AccountId Account, string Number, string Text)
{
    /// <summary>What the message is for; <see cref="SendingOptions.DefaultPurpose"/> when <see langword="null"/>.</summary>
    public MessagePurpose? Purpose { get; init; }

    /// <summary>The sending address; <see langword="null"/> lets the transport choose.</summary>
    public SenderAddress? From { get; init; }

    /// <summary>A list the message belongs to: its suppressions and list-scoped caps apply too. <see langword="null"/> for none.</summary>
    public ListId? List { get; init; }

    /// <summary>The campaign, recorded with a provider's opt-out.</summary>
    public CampaignId? Campaign { get; init; }

    /// <summary>The region for a number without a country code; <c>SmsOptOutOptions.DefaultRegion</c> when <see langword="null"/>.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>Why a marketing message may skip the Do-Not-Call registry (see <see cref="ListSendRequest.DoNotCallExemption"/>).</summary>
    public DoNotCallExemption DoNotCallExemption { get; init; }

    /// <summary>What consent the recipient needs beyond not being suppressed (see <see cref="ListSendRequest.Consent"/>).</summary>
    public ConsentRequirement Consent { get; init; }
}
