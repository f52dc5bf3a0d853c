using System.Globalization;

namespace SmsOptOut.Samples.Console;

/// <summary>The demo's command line: <c>--db</c>, <c>--contacts</c>, <c>--keep-running</c>, <c>--help</c>.</summary>
internal sealed record DemoOptions(string Database, int Contacts, bool KeepRunning, bool Help)
{
    public const string Usage = """
        SmsOptOut demo: a campaign with opt-out links, a link opt-out in a real HTTP round trip, STOP replies,
        signed webhooks, and the next campaign skipping the opted-out numbers — on the embedded SQLite storage.

        Usage: dotnet run --project samples/SmsOptOut.Samples.Console -- [options]

          --db <path>        SQLite file (default: smsoptout-demo.db in the working folder; recreated on every run)
          --contacts <n>     contacts in the list, 3 to 500 (default: 20)
          --keep-running     keep the landing page and webhook receiver running until Ctrl+C, to open links yourself
          --help             this text

        Exit code 0 when every step's expectation held, 1 when one did not, 2 for bad options.
        """;

    public static DemoOptions Parse(string[] args)
    {
        var options = new DemoOptions(Path.Combine(Environment.CurrentDirectory, "smsoptout-demo.db"), 20, KeepRunning: false, Help: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--help" or "-h" => options with { Help = true },
                "--keep-running" => options with { KeepRunning = true },
                "--db" => options with { Database = Value(args, ++i, "--db") },
                "--contacts" => options with { Contacts = Count(Value(args, ++i, "--contacts")) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Run with --help to see the options."),
            };
        }

        return options;
    }

    private static string Value(string[] args, int index, string name) =>
        index < args.Length && !args[index].StartsWith("--", StringComparison.Ordinal)
            ? args[index]
            : throw new ArgumentException($"{name} needs a value.");

    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 3 and <= 500
            ? n
            : throw new ArgumentException($"--contacts must be a whole number from 3 to 500, not '{text}'.");
}
