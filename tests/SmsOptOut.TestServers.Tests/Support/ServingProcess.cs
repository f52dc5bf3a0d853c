using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.TestServers.Tests.Support;

/// <summary>A server a <see cref="ServingProcess"/> started, as it printed it.</summary>
internal sealed record ServedServer(string Kind, int Pid, string Start, int WatchdogPid, string Folder, string Record)
{
    public bool IsRunning => OwnedServers.IsAlive(Pid, Start);
}

/// <summary>
/// This test assembly run as a program (<see cref="ServeProgram"/>): a process that starts the fixtures' servers the
/// way a test host does, for a test to kill.
/// </summary>
internal sealed class ServingProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServingProcess(Process process) => _process = process;

    /// <summary>The servers it started.</summary>
    public IReadOnlyList<ServedServer> Servers { get; private set; } = [];

    public int Pid => _process.Id;

    /// <summary>Starts the process and waits until its servers run. Skips (fails in CI) when the machine lacks a server.</summary>
    public static async Task<ServingProcess> StartAsync()
    {
        var assembly = typeof(ServingProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", "--runtimeconfig", Path.ChangeExtension(assembly, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(assembly, ".deps.json"), assembly, "serve"])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var serving = new ServingProcess(process);
        process.OutputDataReceived += (_, e) => serving.Collect(e.Data, string.Empty);
        process.ErrorDataReceived += (_, e) => serving.Collect(e.Data, "stderr ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(() => serving._lines.Contains("ready") || process.HasExited, "the serving process to start its servers",
                TimeSpan.FromMinutes(3), diagnostics: serving.Output);
            if (serving._lines.FirstOrDefault(l => l.StartsWith("unavailable ", StringComparison.Ordinal)) is { } unavailable)
            {
                Skip.If(Environment.GetEnvironmentVariable("SMSOPTOUT_REQUIRE_SERVERS") != "1", unavailable);
                throw new InvalidOperationException("SMSOPTOUT_REQUIRE_SERVERS=1 but " + unavailable);
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("The serving process ended: " + serving.Output());
            }

            serving.Servers = [.. serving._lines.Where(l => l.StartsWith("server\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).Select(f =>
                new ServedServer(f[1], int.Parse(f[2], CultureInfo.InvariantCulture), f[3], int.Parse(f[4], CultureInfo.InvariantCulture), f[5], f[6]))];
            return serving;
        }
        catch
        {
            serving.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process with SIGKILL — the process only, not its tree — and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public string Output() => string.Join(Environment.NewLine, _lines);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Collect(string? line, string prefix)
    {
        if (line is not null)
        {
            _lines.Enqueue(prefix + line);
        }
    }
}
