using System.Collections.Concurrent;
using System.Diagnostics;
using SmsOptOut.Testing;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// The storage worker (tests/SmsOptOut.Storage.Worker) as a child process: its output lines are collected as they
/// arrive, and it can be killed at any moment.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private WorkerProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Lines { get; } = new();

    public static WorkerProcess Start(params string[] arguments)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "SmsOptOut.Storage.Worker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(worker);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                wrapper.Lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                wrapper.Lines.Enqueue("stderr " + e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Kills the process abruptly (SIGKILL), as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.WaitForExit();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the process has printed what <paramref name="condition"/> looks for, or has exited.</summary>
    public Task WaitForLinesAsync(Func<IReadOnlyCollection<string>, bool> condition, TimeSpan timeout) =>
        Eventually.TrueAsync(() => condition(Lines) || _process.HasExited, "the worker's output", timeout,
            diagnostics: () => "It said: " + string.Join(" | ", Lines.Take(10)));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
