using SmsOptOut.Consent.Internal;

namespace SmsOptOut.Consent;

/// <summary>
/// An opaque campaign identifier chosen by the host (1 to 128 printable characters, compared ordinally).
/// A campaign (one send) of an account. Recorded with opt-outs as context; never a suppression scope.
/// </summary>
public readonly record struct CampaignId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">1 to 128 printable characters.</param>
    /// <exception cref="ArgumentException">The value is empty, too long or holds control characters.</exception>
    public CampaignId(string value) => Value = IdentifierRules.Validate(value, "campaign id", nameof(value));

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
