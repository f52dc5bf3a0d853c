using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.OptIn;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The list send of <see cref="ListSendBenchmarks"/> (1,000,000 recipients, 10 % suppressed, stored links) with the
/// send-time rules on, against the same send without rules, in the same run. <c>QuietHours</c>: a US rule and a state
/// rule over area codes, both open all day so every recipient is evaluated and then sent. <c>AllRules</c>: those,
/// plus a frequency cap counted in the store and a list that requires an opt-in (every recipient has one). Results are
/// per recipient.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SendRulesBenchmarks
{
    private const int Recipients = 1_000_000;
    private ServiceProvider? _services;

    [Params("None", "QuietHours", "AllRules")]
    public string Rules { get; set; } = "None";

    [IterationSetup]
    public void FreshStore()
    {
        _services?.Dispose();
        _services = ListSendSetup.Build(Recipients, OptOutLinkMode.Stored, deduplicate: true, o =>
        {
            if (Rules != "None")
            {
                o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
                o.Sending.QuietHours.Add(QuietHoursRule.Florida with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
            }

            if (Rules == "AllRules")
            {
                o.Sending.FrequencyCaps.Add(new FrequencyCap { Messages = 3, Window = TimeSpan.FromDays(1) });
            }
        });
        if (Rules == "AllRules")
        {
            var optIns = _services.GetRequiredService<IOptInStore>();
            for (var i = 0; i < Recipients; i++)
            {
                optIns.RecordOptInAsync(ListSendSetup.Account, ListSendSetup.Number(i), new OptInGrant(DateTimeOffset.UnixEpoch, Consent.ConsentEvidence.None)).GetAwaiter().GetResult();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(OperationsPerInvoke = Recipients, Description = "ISmsSender.SendToListAsync")]
    public async Task<long> SendToList()
    {
        var request = new ListSendRequest(ListSendSetup.Account, ListSendSetup.List, ListSendSetup.Template)
        {
            Consent = Rules == "AllRules" ? ConsentRequirement.OptIn : ConsentRequirement.None,
        };
        var result = await _services!.GetRequiredService<ISmsSender>().SendToListAsync(request, ListSendSetup.Recipients(Recipients));
        return result.Sent == Recipients - (Recipients / 10) ? result.Sent
            : throw new InvalidOperationException($"{result.Sent} sent, {result.Deferred} deferred, {result.NoConsent} without consent, {result.FrequencyCapped} capped.");
    }
}
