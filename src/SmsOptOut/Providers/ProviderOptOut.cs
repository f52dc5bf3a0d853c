using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>An opt-out a provider holds.</summary>
/// <param name="Number">The person who opted out.</param>
/// <param name="OptedOutAt">When, by the provider's record.</param>
public sealed record ProviderOptOut(PhoneNumber Number, DateTimeOffset OptedOutAt)
{
    /// <summary>The sending address the opt-out applies to at the provider (Telnyx's <c>from</c>), when it says.</summary>
    public SenderAddress? Sender { get; init; }

    /// <summary>The keyword the person sent (<c>STOP</c>), when the provider says.</summary>
    public string? Keyword { get; init; }
}
