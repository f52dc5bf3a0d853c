using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Links;

/// <summary>Who an opt-out link belongs to: one recipient of one list send.</summary>
/// <param name="Account">The account that sent the message.</param>
/// <param name="List">The list the message went to.</param>
/// <param name="Number">The recipient.</param>
/// <param name="Campaign">The campaign, when known.</param>
public readonly record struct OptOutLinkTarget(AccountId Account, ListId List, PhoneNumber Number, CampaignId? Campaign = null);
