using System.Globalization;
using SmsOptOut.Consent;

namespace SmsOptOut.Internal;

/// <summary>
/// One spelling of kinds, sources, scopes and instants for everything SmsOptOut writes for people and programs: the
/// reports and exports of the library and the tool's JSON answers. Shared source, compiled into each assembly that writes them.
/// </summary>
internal static class ConsentSpelling
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

    /// <summary>An instant as ISO 8601 UTC with a Z, full precision.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
