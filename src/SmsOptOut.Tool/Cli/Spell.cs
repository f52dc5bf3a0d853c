using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Internal;

namespace SmsOptOut.Tool.Cli;

/// <summary>How the JSON answers and the export spell kinds, sources, scopes and instants: as the library's exports and reports do.</summary>
internal static class Spell
{
    public static string Kind(ConsentKind kind) => ConsentSpelling.Kind(kind);

    public static string Source(OptOutSource source) => ConsentSpelling.Source(source);

    public static string Scope(SuppressionScope scope) => ConsentSpelling.Scope(scope);

    /// <summary>ISO 8601 in UTC with a Z, full precision.</summary>
    public static string Instant(DateTimeOffset at) => ConsentSpelling.Instant(at);

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
