using SmsOptOut.Consent;

namespace SmsOptOut.Reports.Internal;

/// <summary>How reports and exports name sources.</summary>
internal static class ReportText
{
    public static string Source(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "reply",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider",
        _ => "other",
    };
}
