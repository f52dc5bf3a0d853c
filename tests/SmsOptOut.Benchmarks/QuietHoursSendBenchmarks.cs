using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The list send of <see cref="ListSendBenchmarks"/> (1,000,000 recipients, 10 % suppressed, stored links) with
/// quiet-hours rules on — a US rule and a state rule over area codes, both open all day so every recipient is
/// evaluated and then sent — against the same send without rules, in the same run. Results are per recipient.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class QuietHoursSendBenchmarks
{
    private const int Recipients = 1_000_000;
    private ServiceProvider? _services;

    [Params(false, true)]
    public bool QuietHours { get; set; }

    [IterationSetup]
    public void FreshStore()
    {
        _services?.Dispose();
        _services = ListSendSetup.Build(Recipients, OptOutLinkMode.Stored, deduplicate: true, o =>
        {
            if (QuietHours)
            {
                o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
                o.Sending.QuietHours.Add(QuietHoursRule.Florida with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(OperationsPerInvoke = Recipients, Description = "ISmsSender.SendToListAsync")]
    public async Task<long> SendToList()
    {
        var result = await _services!.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(ListSendSetup.Account, ListSendSetup.List, ListSendSetup.Template), ListSendSetup.Recipients(Recipients));
        return result.Sent == Recipients - (Recipients / 10) ? result.Sent : throw new InvalidOperationException($"{result.Sent} sent, {result.Deferred} deferred.");
    }
}
