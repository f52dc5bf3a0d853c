using SmsOptOut.Consent.Internal;

namespace SmsOptOut.Consent;

/// <summary>
/// An opaque list identifier chosen by the host (1 to 128 printable characters, compared ordinally).
/// A contact list of an account. List sends check suppression for the list and for the whole account.
/// </summary>
public readonly record struct ListId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">1 to 128 printable characters.</param>
    /// <exception cref="ArgumentException">The value is empty, too long or holds control characters.</exception>
    public ListId(string value) => Value = IdentifierRules.Validate(value, "list id", nameof(value));

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
