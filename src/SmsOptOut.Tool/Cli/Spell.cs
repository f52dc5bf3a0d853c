using System.Globalization;
using SmsOptOut.Consent;

namespace SmsOptOut.Tool.Cli;

/// <summary>How the JSON answers and the export spell kinds, sources, scopes and instants: as the library's exports and reports do.</summary>
internal static class Spell
{
    public static string Kind(ConsentKind kind) => kind == ConsentKind.OptOut ? "opt-out" : "opt-in";

    public static string Source(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "reply",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider",
        _ => "other",
    };

    public static string Scope(SuppressionScope scope) => scope == SuppressionScope.List ? "list" : "account";

    /// <summary>ISO 8601 in UTC with a Z, full precision.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Instant(DateTimeOffset? at) => at is { } value ? Instant(value) : null;

    public static string Level(OptIn.OptInLevel level) => level switch
    {
        OptIn.OptInLevel.Confirmed => "confirmed",
        OptIn.OptInLevel.OptedIn => "opted-in",
        _ => "none",
    };

    public static string Basis(OptIn.ConsentBasis basis) => basis switch
    {
        OptIn.ConsentBasis.Purchase => "purchase",
        OptIn.ConsentBasis.Inquiry => "inquiry",
        OptIn.ConsentBasis.Membership => "membership",
        OptIn.ConsentBasis.ConspicuousPublication => "conspicuous-publication",
        OptIn.ConsentBasis.Disclosure => "disclosure",
        _ => "express",
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
