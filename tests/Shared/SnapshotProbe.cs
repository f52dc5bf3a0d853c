using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// A list send's view of one account's suppression snapshot in a server store's tests: the bulk filter's answer for a
/// few numbers, and how many batches were answered from memory (the <c>smsoptout.suppression_snapshot.batches</c>
/// counter), so a test can tell a snapshot answer from a store probe.
/// </summary>
internal sealed class SnapshotProbe(IServiceProvider services, AccountId account, PhoneNumber[] numbers) : IDisposable
{
    private readonly MetricCollector<long> _batches =
        new(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SmsOptOutDiagnostics.MeterName, "smsoptout.suppression_snapshot.batches");

    private ISuppressionStore Filter => services.GetRequiredService<ISuppressionStore>();

    /// <summary>How many batches were answered from memory so far.</summary>
    public long FromMemory => _batches.GetMeasurementSnapshot().Where(m => Equals(m.Tags["smsoptout.source"], "memory")).Sum(m => m.Value);

    /// <summary>Sends batches until one is answered from memory: the snapshot loaded (within 30 seconds).</summary>
    public async Task WarmAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var before = FromMemory;
        while (FromMemory == before)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the account's snapshot should load within seconds");
            await Filter.FilterAsync(account, null, numbers, new bool[numbers.Length]);
            await Task.Delay(10);
        }
    }

    /// <summary>One batch of the numbers: which are suppressed (the count returned agrees with the flags).</summary>
    public async Task<bool[]> FlagsAsync()
    {
        var flags = new bool[numbers.Length];
        (await Filter.FilterAsync(account, null, numbers, flags)).Should().Be(flags.Count(f => f));
        return flags;
    }

    /// <inheritdoc />
    public void Dispose() => _batches.Dispose();
}
