using SmsOptOut.Consent;

namespace SmsOptOut.DoNotCall;

/// <summary>What an import of Do-Not-Call registry data replaces, and how it reads the file.</summary>
public sealed record DoNotCallImport
{
    /// <summary>The account whose registry set is replaced, or <see langword="null"/> (the default) for the set every account consults.</summary>
    public AccountId? Account { get; init; }

    /// <summary>The date of the data: the day the registry download was made. Required.</summary>
    public required DateOnly DataDate { get; init; }

    /// <summary>The region of numbers without a country code; <c>US</c> by default (the National Do-Not-Call Registry's numbers).</summary>
    public string DefaultRegion { get; init; } = "US";

    /// <summary>Whether a line that is not a phone number stops the import, leaving the current set in place. Default: it is reported and skipped.</summary>
    public bool Strict { get; init; }
}
