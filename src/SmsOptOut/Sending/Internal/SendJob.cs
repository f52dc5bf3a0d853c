using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// What one send does, list or single, in one shape: the batch pipeline runs the same rules for both, chosen by the
/// purpose (<see cref="Rules"/>).
/// </summary>
internal sealed record SendJob(AccountId Account, ListId? List, string Template, MessagePurpose Purpose, SendRules Rules)
{
    public CampaignId? Campaign { get; init; }

    public SenderAddress? From { get; init; }

    public string? DefaultRegion { get; init; }

    public DoNotCallExemption DoNotCallExemption { get; init; }

    public ConsentRequirement Consent { get; init; }

    public Func<RecipientOutcome, CancellationToken, ValueTask>? OnRecipient { get; init; }

    /// <summary>A single send: no <c>{optout}</c> link, one recipient.</summary>
    public bool Single { get; init; }

    public static SendJob Of(ListSendRequest request, MessagePurpose purpose, SendRules rules) => new(request.Account, request.List, request.Template, purpose, rules)
    {
        Campaign = request.Campaign, From = request.From, DefaultRegion = request.DefaultRegion, DoNotCallExemption = request.DoNotCallExemption,
        Consent = request.Consent, OnRecipient = request.OnRecipient,
    };

    public static SendJob Of(SingleSendRequest request, MessagePurpose purpose, SendRules rules) => new(request.Account, request.List, request.Text, purpose, rules)
    {
        Campaign = request.Campaign, From = request.From, DefaultRegion = request.DefaultRegion, DoNotCallExemption = request.DoNotCallExemption,
        Consent = request.Consent, Single = true,
    };
}
