using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Reports.Internal;

/// <summary>How reports and exports name kinds, sources, scopes, instants and numbers: one spelling for all of them.</summary>
internal static class ReportText
{
    public static string Kind(ConsentKind kind) => ConsentSpelling.Kind(kind);

    public static string Source(OptOutSource source) => ConsentSpelling.Source(source);

    public static string Scope(SuppressionScope scope) => ConsentSpelling.Scope(scope);

    /// <summary>An instant as ISO 8601 UTC with full precision, for exports.</summary>
    public static string Instant(DateTimeOffset at) => ConsentSpelling.Instant(at);

    /// <summary>The number in E.164, or masked when the account does not want full numbers.</summary>
    public static string Number(PhoneNumber number, bool full) => full ? number.ToString() : number.ToMaskedString();
}
