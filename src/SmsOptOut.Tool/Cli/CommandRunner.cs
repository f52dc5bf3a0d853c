using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace SmsOptOut.Tool.Cli;

/// <summary>Runs a command's work with its <see cref="ToolContext"/> and turns failures into words and exit codes: no stack traces for mistakes.</summary>
internal static class CommandRunner
{
    public static Command Runs(this Command command, GlobalOptions options, Func<ParseResult, ToolContext, CancellationToken, Task<int>> work)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var context = ToolContext.Open(result, options, Console.Out);
                await using (context.ConfigureAwait(false))
                {
                    return await work(result, context, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ToolException e)
            {
                return Fail(e.Message, e.ExitCode);
            }
            catch (OptionsValidationException e)
            {
                return Fail("the configuration is not valid: " + string.Join(" ", e.Failures), ExitCodes.BadInput);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail("interrupted; what was applied stays applied, and running the command again completes it.", ExitCodes.Interrupted);
            }
            catch (Exception e) when (IsStorageFailure(e))
            {
                return Fail("the storage could not be used: " + e.Message.ReplaceLineEndings(" "), ExitCodes.StorageUnavailable);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or FormatException)
            {
                // The library's refusals name what is wrong (a missing pseudonym key, a registry the storage cannot hold).
                return Fail(e.Message.ReplaceLineEndings(" "), ExitCodes.BadInput);
            }
        });
        return command;
    }

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine("smsoptout: " + message);
        return exitCode;
    }

    private static bool IsStorageFailure(Exception e) =>
        e is DbException or StackExchange.Redis.RedisException or System.Net.Sockets.SocketException or TimeoutException or UnauthorizedAccessException
        || (e is InvalidOperationException && e.Message.Contains("schema", StringComparison.OrdinalIgnoreCase))
        || (e.InnerException is { } inner && IsStorageFailure(inner));
}
