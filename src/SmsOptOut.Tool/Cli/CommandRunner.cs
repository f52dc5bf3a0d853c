using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace SmsOptOut.Tool.Cli;

/// <summary>Runs a command's work with its <see cref="ToolContext"/> and turns failures into one line and an exit code: no stack traces.</summary>
internal static class CommandRunner
{
    public static Command Runs(this Command command, GlobalOptions options, Func<ParseResult, ToolContext, CancellationToken, Task<int>> work,
        Func<ParseResult, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>?>? services = null)
    {
        command.SetAction((result, cancellationToken) => RunAsync(result, options, work, cancellationToken, services));
        return command;
    }

    /// <summary>Opens the storage and configuration the command line names, runs <paramref name="work"/>, and turns its failures into exit codes.</summary>
    public static async Task<int> RunAsync(ParseResult result, GlobalOptions options, Func<ParseResult, ToolContext, CancellationToken, Task<int>> work,
        CancellationToken cancellationToken, Func<ParseResult, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>?>? services = null)
    {
        ToolContext? context = null;
        try
        {
            context = ToolContext.Open(result, options, Console.Out, services?.Invoke(result));
            await using (context.ConfigureAwait(false))
            {
                return await work(result, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            return Handle(e, context, cancellationToken);
        }
    }

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine("smsoptout: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }

    private static int Handle(Exception e, ToolContext? context, CancellationToken cancellationToken) => e switch
    {
        ToolException tool => Fail(tool.Message, tool.ExitCode),
        OptionsValidationException options => Fail("the configuration is not valid: " + ConfigurationNames.Rewrite(string.Join(" ", options.Failures)), ExitCodes.BadInput),
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            Fail("interrupted; what was applied stays applied, and running the command again completes it.", ExitCodes.Interrupted),
        _ when Find<StackExchange.Redis.RedisConnectionException>(e) is not null => Fail(
            $"the Redis server named by {context?.Storage.Origin ?? "--storage"} could not be reached within {Hosting.StorageSpec.RedisConnectTimeoutMilliseconds / 1000} s: "
            + "check the host and port (--storage redis:<host:port>, or SmsOptOut:Redis:Configuration in --config) and that the server runs.", ExitCodes.StorageUnavailable),
        _ when IsStorageFailure(e) => Fail($"the {context?.StorageName ?? "storage"} storage{Where(context)} could not be used: " + Innermost(e), ExitCodes.StorageUnavailable),
        IOException or UnauthorizedAccessException => Fail(e.Message, ExitCodes.BadInput),
        InvalidOperationException or ArgumentException or NotSupportedException or FormatException =>
            // The library's refusals name what is wrong (a missing pseudonym key, a registry the storage cannot hold).
            Fail(ConfigurationNames.Rewrite(e.Message), ExitCodes.BadInput),
        _ => Fail($"unexpected error ({e.GetType().Name}): {e.Message}", ExitCodes.Unexpected),
    };

    private static string Where(ToolContext? context) => context?.Storage.SqlitePath is { } path ? $" at {path}" : string.Empty;

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (!messages.Contains(x.Message, StringComparer.Ordinal))
            {
                messages.Add(x.Message);
            }
        }

        return string.Join(": ", messages);
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsStorageFailure(Exception e) =>
        e is DbException or StackExchange.Redis.RedisException or System.Net.Sockets.SocketException or TimeoutException
        || (e is InvalidOperationException && e.Message.Contains("schema", StringComparison.OrdinalIgnoreCase))
        || (e.InnerException is { } inner && IsStorageFailure(inner));
}
