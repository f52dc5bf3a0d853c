using System.CommandLine;
using SmsOptOut.Reports;

namespace SmsOptOut.Tool.Cli;

/// <summary><c>--by recorded|occurred</c>: which of an event's two times a period or a day refers to. Recorded (when SmsOptOut learned of it) is the default, as on the dashboard.</summary>
internal static class TimeBasis
{
    public static Option<string> Option(string what)
    {
        var option = new Option<string>("--by")
        {
            Description = what + ": recorded (default: when SmsOptOut learned of the change, as the dashboard counts) or occurred (when the person acted, as the source said).",
            DefaultValueFactory = _ => "recorded",
        };
        option.AcceptOnlyFromAmong("recorded", "occurred");
        return option;
    }

    public static ConsentTimeBasis Parse(string? text) => text == "occurred" ? ConsentTimeBasis.Occurred : ConsentTimeBasis.Recorded;

    public static string Name(ConsentTimeBasis basis) => basis == ConsentTimeBasis.Occurred ? "occurred" : "recorded";
}
