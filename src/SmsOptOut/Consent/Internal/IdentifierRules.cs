namespace SmsOptOut.Consent.Internal;

/// <summary>The rules every host-chosen identifier (account, list, campaign) follows.</summary>
internal static class IdentifierRules
{
    public const int MaxLength = 128;

    public static string Validate(string? value, string kind, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {kind} is empty; expected 1 to {MaxLength} characters chosen by the host.", parameterName);
        }

        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"The {kind} '{value[..32]}…' has {value.Length} characters; expected at most {MaxLength}.", parameterName);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The {kind} contains the control character U+{(int)c:X4}; expected printable characters only.", parameterName);
            }
        }

        return value;
    }
}
