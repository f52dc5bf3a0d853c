using SmsOptOut.Consent;

namespace SmsOptOut.Tool.Numbers;

/// <summary>The words the tool uses for sources and kinds.</summary>
internal static class Describe
{
    public static string Source(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "opt-out link",
        OptOutSource.Keyword => "keyword reply",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider error",
        _ => source.ToString(),
    };

    public static string Kind(ConsentKind kind) => kind == ConsentKind.OptOut ? "opt-out" : "opt-in";

    /// <summary>What an event did: its kind, or "pause" for an opt-out with an end, "revert" for an opt-in that took back one opt-out (a pause's end, an undo).</summary>
    public static string Change(ConsentEvent e) => e.PausedUntil is not null ? "pause" : e.Reverts is not null ? "revert" : Kind(e.Kind);
}
