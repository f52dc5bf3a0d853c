using SmsOptOut.Consent.Internal;

namespace SmsOptOut.Consent;

/// <summary>
/// An opaque account identifier chosen by the host (1 to 128 printable characters, compared ordinally).
/// The account (tenant) that owns numbers, lists, campaigns and consent. Every opt-out is recorded per account.
/// </summary>
public readonly record struct AccountId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">1 to 128 printable characters.</param>
    /// <exception cref="ArgumentException">The value is empty, too long or holds control characters.</exception>
    public AccountId(string value) => Value = IdentifierRules.Validate(value, "account id", nameof(value));

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
