using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.OptIn;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Single sends (<see cref="ISmsSender.SendAsync(SingleSendRequest, CancellationToken)"/>, marketing) one after another
/// to 20,000 numbers of <see cref="ListSendSetup"/>'s store (10 % suppressed), with every send-time rule on against
/// none, in the same run: a single send runs the list pipeline for one recipient, so the rules must cost it no more than
/// they cost a list send. <c>AllRules</c>: the federal and a state calling-hours rule open all day, a frequency cap
/// counted in the store, a required opt-in (every recipient has one), sender identification. Results are per send.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SingleSendRulesBenchmarks
{
    private const int Sends = 20_000;
    private const string Text = "Acme Outdoor: 20% off everything until Sunday. Reply STOP to opt out";
    private ServiceProvider? _services;
    private string[] _numbers = [];

    [Params("None", "AllRules")]
    public string Rules { get; set; } = "None";

    [IterationSetup]
    public void FreshStore()
    {
        _services?.Dispose();
        _services = ListSendSetup.Build(Sends, OptOutLinkMode.Stored, deduplicate: true, o =>
        {
            if (Rules == "None")
            {
                o.Sending.PurposeRules[MessagePurpose.Marketing] = SendRules.None;
                return;
            }

            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
            o.Sending.QuietHours.Add(QuietHoursRule.Florida with { Earliest = TimeOnly.MinValue, Latest = TimeOnly.MaxValue });
            o.Sending.FrequencyCaps.Add(new FrequencyCap { Messages = 3, Window = TimeSpan.FromDays(1) });
            o.Sending.SenderIdentity.Name = "Acme";
        });
        if (Rules == "AllRules")
        {
            var optIns = _services.GetRequiredService<IOptInStore>();
            for (var i = 0; i < Sends; i++)
            {
                optIns.RecordOptInAsync(ListSendSetup.Account, ListSendSetup.Number(i), new OptInGrant(DateTimeOffset.UnixEpoch, Consent.ConsentEvidence.None)).GetAwaiter().GetResult();
            }
        }

        _numbers = [.. Enumerable.Range(0, Sends).Select(i => ListSendSetup.Number(i).ToString())];
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(OperationsPerInvoke = Sends, Description = "ISmsSender.SendAsync(SingleSendRequest)")]
    public async Task<int> SendOneByOne()
    {
        var sender = _services!.GetRequiredService<ISmsSender>();
        var consent = Rules == "AllRules" ? ConsentRequirement.OptIn : ConsentRequirement.None;
        var sent = 0;
        foreach (var number in _numbers)
        {
            var result = await sender.SendAsync(new SingleSendRequest(ListSendSetup.Account, number, Text) { List = ListSendSetup.List, Consent = consent });
            sent += result.Status == RecipientStatus.Sent ? 1 : 0;
        }

        return sent == Sends - (Sends / 10) ? sent : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{sent} of {Sends} sent."));
    }
}
