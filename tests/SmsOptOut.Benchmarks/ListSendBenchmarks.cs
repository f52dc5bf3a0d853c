using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// End-to-end list send of 1,000,000 recipients (10 % suppressed, <c>{optout}</c> in stored mode) to a no-op transport
/// over the in-memory store, against the per-recipient loop most hand-written senders use (parse, check, issue a link,
/// render, send — one store call each) in the same run. Results are per recipient.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ListSendBenchmarks
{
    private const int Recipients = 1_000_000;
    private ServiceProvider? _services;

    [IterationSetup]
    public void FreshStore()
    {
        _services?.Dispose();
        _services = ListSendSetup.Build(Recipients, OptOutLinkMode.Stored, deduplicate: true);
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Recipients, Description = "per-recipient loop (parse, IsSuppressed, CreateAsync, render, send)")]
    public async Task<long> PerRecipient()
    {
        var store = _services!.GetRequiredService<ISuppressionStore>();
        var links = _services!.GetRequiredService<IOptOutLinkGenerator>();
        var transport = _services!.GetRequiredService<ISmsTransport>();
        var template = MessageTemplate.Parse(ListSendSetup.Template);
        var sent = 0L;
        await foreach (var text in ListSendSetup.Recipients(Recipients))
        {
            if (!PhoneNumber.TryParse(text, null, out var number) || await store.IsSuppressedAsync(ListSendSetup.Account, number, ListSendSetup.List))
            {
                continue;
            }

            var link = await links.CreateAsync(new OptOutLinkTarget(ListSendSetup.Account, ListSendSetup.List, number));
            await transport.SendAsync(new SmsMessage(number, template.Render(link.Url)));
            sent++;
        }

        return sent;
    }

    [Benchmark(OperationsPerInvoke = Recipients, Description = "ISmsSender.SendToListAsync (batches of 1,000)")]
    public async Task<long> SendToList()
    {
        var result = await _services!.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(ListSendSetup.Account, ListSendSetup.List, ListSendSetup.Template), ListSendSetup.Recipients(Recipients));
        return result.Sent;
    }
}
