using System.Diagnostics;

namespace SmsOptOut.Tests.Evidence;

/// <summary>Runs an independent Node.js script of this folder (written from docs/evidence.md alone) and returns its exit code and output.</summary>
internal static class NodeScript
{
    /// <summary>The path of <c>node</c>; the test is skipped without it, and fails where CI requires it (SMSOPTOUT_REQUIRE_SERVERS=1).</summary>
    public static string Node()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var path = Path.Combine(directory, "node");
            if (File.Exists(path))
            {
                return path;
            }
        }

        var reason = "Node.js (node) is not on the PATH: the independent verifier cannot run";
        Skip.If(Environment.GetEnvironmentVariable("SMSOPTOUT_REQUIRE_SERVERS") != "1", reason);
        throw new InvalidOperationException("SMSOPTOUT_REQUIRE_SERVERS=1 but " + reason);
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>: its exit code, and its output and errors, trimmed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string node, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Evidence", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, (output + error).Trim());
    }
}
