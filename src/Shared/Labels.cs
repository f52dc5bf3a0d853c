using SmsOptOut.Consent;
using SmsOptOut.OptIn;

namespace SmsOptOut.Internal;

/// <summary>
/// What the dashboard (and the certificate page the tool writes) calls each state, source and scope: words for people,
/// never an enum's name. Shared source, compiled into the dashboard's package and the tool.
/// </summary>
internal static class Labels
{
    /// <summary>Every source, in the order the dashboard lists them, with the short name its URLs and CSV use.</summary>
    public static readonly (OptOutSource Source, string Code)[] Sources =
    [
        (OptOutSource.OptOutLink, "link"), (OptOutSource.Keyword, "keyword"), (OptOutSource.Api, "api"), (OptOutSource.Import, "import"),
        (OptOutSource.ProviderError, "provider"),
    ];

    /// <summary>The source as a column heading or a short phrase: "opt-out link", "keyword reply", …</summary>
    public static string Source(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "opt-out link",
        OptOutSource.Keyword => "keyword reply",
        OptOutSource.Api => "API or dashboard",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider report",
        _ => "other",
    };

    /// <summary>What the source means, for a title or a legend.</summary>
    public static string SourceHint(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "the person confirmed the opt-out link of a message",
        OptOutSource.Keyword => "the person replied STOP (or another opt-out word)",
        OptOutSource.Api => "recorded by the application or by staff in this dashboard",
        OptOutSource.Import => "imported from another system's opt-out list",
        OptOutSource.ProviderError => "the SMS provider reported the number as opted out",
        _ => string.Empty,
    };

    /// <summary>What a consent rests on, in words: "express consent", "a purchase", …</summary>
    public static string Basis(ConsentBasis basis) => basis switch
    {
        ConsentBasis.Express => "express consent",
        ConsentBasis.Purchase => "implied by a purchase",
        ConsentBasis.Inquiry => "implied by an inquiry",
        ConsentBasis.Membership => "implied by a membership",
        ConsentBasis.ConspicuousPublication => "implied by a published address",
        ConsentBasis.Disclosure => "implied by a disclosed address",
        _ => "other",
    };

    /// <summary>The short name of a source in URLs and CSV files.</summary>
    public static string Code(OptOutSource source) => Array.Find(Sources, s => s.Source == source).Code ?? "other";

    /// <summary>The source a short name names.</summary>
    public static OptOutSource? SourceOf(string code) => Array.Find(Sources, s => s.Code == code) is { Code: not null } found ? found.Source : null;

    /// <summary>A consent change: "opt-out" or "opt-in".</summary>
    public static string Kind(ConsentKind kind) => kind == ConsentKind.OptOut ? "opt-out" : "opt-in";

    /// <summary>Where a suppression or change applies: "whole account" or "list newsletter".</summary>
    public static string Scope(ListId? list) => list is { } l ? "list " + l.Value : "whole account";

    /// <summary>An opt-in's level, as a sentence part.</summary>
    public static string OptIn(OptInLevel level) => level switch
    {
        OptInLevel.Confirmed => "confirmed (double opt-in: answered the confirmation text)",
        OptInLevel.OptedIn => "opted in (single opt-in, not confirmed)",
        _ => "no opt-in recorded (a confirmation may be pending)",
    };
}
