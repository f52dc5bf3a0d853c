namespace SmsOptOut.Tool.Cli;

/// <summary>A mistake of the user's or the environment's, reported in words (no stack trace) with its exit code.</summary>
internal sealed class ToolException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
