using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Reports.Internal;

/// <summary>How reports and exports name kinds, sources, scopes, instants and numbers: one spelling for all of them.</summary>
internal static class ReportText
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

    /// <summary>An instant as ISO 8601 UTC with full precision, for exports.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The number in E.164, or masked when the account does not want full numbers.</summary>
    public static string Number(PhoneNumber number, bool full) => full ? number.ToString() : number.ToMaskedString();
}
