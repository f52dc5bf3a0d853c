using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool;

/// <summary>The <c>smsoptout</c> command.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = ToolCommands.Create();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !parsed.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("smsoptout: " + error.Message);
            }

            Console.Error.WriteLine("Run 'smsoptout --help' (or 'smsoptout <command> --help') for the commands and their options.");
            return ExitCodes.BadInput;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
