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

            // A mistyped command: the commands it is closest to.
            var command = parsed.CommandResult.Command;
            foreach (var token in parsed.UnmatchedTokens.Take(1))
            {
                if (command.Subcommands.Count > 0 && ToolCommands.Suggest(command, token) is { Count: > 0 } suggestions)
                {
                    Console.Error.WriteLine($"smsoptout: '{token}' is not a command; did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?");
                }
            }

            Console.Error.WriteLine("Run 'smsoptout --help' (or 'smsoptout <command> --help') for the commands, their options and examples.");
            return ExitCodes.BadInput;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
