using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Testing;

namespace SmsOptOut.Storage.ConformanceTests.Processes;

/// <summary>
/// A second process over the adapter's storage, for proofs one process cannot give (a crash, several app instances).
/// It runs this assembly's worker with the test assembly's dependencies (<c>dotnet exec --depsfile</c>), creates its own
/// instance of the fixture, hands it <see cref="StorageFixture.GetWorkerSettings"/> and registers the adapter through
/// <see cref="StorageFixture.UseStorage"/>, so any adapter can be crashed and shared without code of its own.
/// Its output lines are collected as they arrive; it can be killed at any moment.
/// </summary>
public sealed class StorageWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private bool _disposed;

    private StorageWorkerProcess(Process process) => _process = process;

    /// <summary>What the worker printed so far: its protocol lines, <c>error &lt;type&gt;: &lt;message&gt;</c> on failure, and <c>stderr …</c>.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts a worker over the storage of <paramref name="isolationKey"/>.</summary>
    /// <param name="fixture">The adapter's fixture, initialized; its type needs a parameterless constructor.</param>
    /// <param name="command">What the worker does.</param>
    /// <param name="isolationKey">The storage to use, as in <see cref="StorageFixture.CreateStore(string)"/>.</param>
    /// <param name="arguments">The command's arguments (see <see cref="StorageWorkerCommand"/>).</param>
    /// <returns>The running worker; dispose it to kill it.</returns>
    public static StorageWorkerProcess Start(StorageFixture fixture, StorageWorkerCommand command, string isolationKey, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentException.ThrowIfNullOrEmpty(isolationKey);
        ArgumentNullException.ThrowIfNull(arguments);
        var testAssembly = fixture.GetType().Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", "--runtimeconfig", Path.ChangeExtension(testAssembly, ".runtimeconfig.json"),
            "--depsfile", Path.ChangeExtension(testAssembly, ".deps.json"), typeof(StorageWorkerProcess).Assembly.Location,
            fixture.GetType().AssemblyQualifiedName!, JsonSerializer.Serialize(fixture.GetWorkerSettings()), command.ToString(), isolationKey, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new StorageWorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Collect(e.Data, string.Empty);
        process.ErrorDataReceived += (_, e) => worker.Collect(e.Data, "stderr ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Kills the process abruptly (SIGKILL), as a crash would, and waits until it is gone.</summary>
    /// <returns>A task that completes when the process has ended.</returns>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself.</summary>
    /// <param name="timeout">How long to wait before failing.</param>
    /// <returns>Its exit code: 0 when the command completed, 1 after printing an <c>error</c> line.</returns>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the process has printed what <paramref name="condition"/> looks for, or has exited.</summary>
    /// <param name="condition">A test over the lines printed so far.</param>
    /// <param name="timeout">How long to wait before failing with the first lines printed.</param>
    /// <returns>A task that completes when the condition holds or the process has exited.</returns>
    public Task WaitForLinesAsync(Func<IReadOnlyCollection<string>, bool> condition, TimeSpan timeout) =>
        Eventually.TrueAsync(() => condition(_lines) || _process.HasExited, "the worker's output", timeout,
            diagnostics: () => "It said: " + string.Join(" | ", _lines.Take(10)));

    /// <summary>Kills the process if it is still running.</summary>
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

    private void Collect(string? line, string prefix)
    {
        if (line is not null)
        {
            _lines.Enqueue(prefix + line);
        }
    }
}
