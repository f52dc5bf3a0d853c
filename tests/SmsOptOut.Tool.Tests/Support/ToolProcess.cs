using System.Diagnostics;
using System.Text;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>The <c>smsoptout</c> tool as a child process, started from this project's output folder (as <c>dotnet tool install</c> would run it).</summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ToolProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static ToolProcess Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Starts the tool with <paramref name="environment"/> added to its environment.</summary>
    public static ToolProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SmsOptOut.Tool.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var tool = new ToolProcess(process);
        process.OutputDataReceived += (_, e) => Append(tool._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(tool._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Runs the tool to its end.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => RunAsync(null, arguments);

    /// <summary>Runs the tool to its end with <paramref name="environment"/> added to its environment.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync(TimeSpan.FromMinutes(3), environment, arguments);

    /// <summary>Runs the tool to its end, failing the test after <paramref name="timeout"/> (a long import on a loaded machine).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var tool = Start(environment, arguments);
        var exit = await tool.WaitAsync(timeout);
        return (exit, tool.Output, tool.Error);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the tool abruptly (SIGKILL), as a crash or a lost SSH session would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
