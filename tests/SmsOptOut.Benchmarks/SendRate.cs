using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Whether a configured send rate is held: 1,500 messages at <c>MessagesPerSecond = 50</c> (30 s) through the Telnyx
/// transport to a stub answering after 20 ms, with 8 messages in flight; the rate is read from the times the stub
/// received each message, overall and per 5-second window.
/// </summary>
internal static class SendRate
{
    public static void Run(double rate, int messages)
    {
        var stub = SlowProviderStub.StartAsync(TimeSpan.FromMilliseconds(20)).GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.Sending.MaxConcurrency = 8;
            o.Sending.MessagesPerSecond = rate;
            o.Sending.OptOutPolicy = OptOutPolicy.Off;
        }).UseInMemory().AddTelnyx(o =>
        {
            o.ApiKey = "KEYbench";
            o.From = "+18005550100";
            o.BaseAddress = stub.BaseAddress;
        });
        using var provider = services.BuildServiceProvider();
        var clock = Stopwatch.StartNew();
        var result = provider.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(new AccountId("bench"), new ListId("rate"), "Reply STOP to opt out"),
            Enumerable.Range(0, messages).Select(i => "+1212" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture)).ToAsyncEnumerable()).GetAwaiter().GetResult();
        var elapsed = clock.Elapsed;
        var arrivals = stub.Arrivals;
        stub.DisposeAsync().AsTask().GetAwaiter().GetResult();

        var span = (arrivals[^1] - arrivals[0]).TotalSeconds;
        var achieved = (arrivals.Length - 1) / span;
        Console.WriteLine($"configured {rate}/s, {messages} messages, sent {result.Sent}, send took {elapsed.TotalSeconds:0.000} s");
        Console.WriteLine($"first to last arrival {span:0.000} s: {achieved:0.000} messages/s ({(achieved / rate) - 1:+0.00%;-0.00%} off the configured rate)");
        var windows = arrivals.GroupBy(a => (int)((a - arrivals[0]).TotalSeconds / 5)).Where(g => g.Key < (int)(span / 5)).Select(g => g.Count() / 5.0).ToArray();
        Console.WriteLine($"per 5-second window: min {windows.Min():0.0}/s, max {windows.Max():0.0}/s over {windows.Length} full windows");
    }
}
