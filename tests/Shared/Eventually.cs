using System.Diagnostics;

namespace SmsOptOut.Testing;

/// <summary>
/// The one way tests wait for something that happens on another thread, process or server: poll a condition until it
/// holds or a deadline passes, then fail with what was awaited. Waiting for a positive only: a test that must show that
/// something does <em>not</em> happen uses a fake clock or an observable signal, never a sleep.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="what">Names the condition in the failure message.</param>
    /// <param name="timeout">How long to wait; 10 seconds by default.</param>
    /// <param name="between">Runs between two polls (for example to move a fake clock).</param>
    /// <param name="diagnostics">Adds what the test knows to the failure message (a worker's output, say).</param>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Action? between = null, Func<string>? diagnostics = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, between, diagnostics);

    /// <summary>Waits until the asynchronous <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="what">Names the condition in the failure message.</param>
    /// <param name="timeout">How long to wait; 10 seconds by default.</param>
    /// <param name="between">Runs between two polls (for example to move a fake clock).</param>
    /// <param name="diagnostics">Adds what the test knows to the failure message (a worker's output, say).</param>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Action? between = null, Func<string>? diagnostics = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                var extra = diagnostics is null ? string.Empty : " " + diagnostics();
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}, and it did not happen.{extra}");
            }

            between?.Invoke();
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }
}
