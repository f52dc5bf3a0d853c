using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// A list send through a real provider transport (Telnyx's package, over <c>IHttpClientFactory</c>) to a local stub that
/// answers each message after 20 ms, against a hand-written <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// + <see cref="HttpClient"/> loop POSTing the same JSON to the same stub at the same concurrency, in the same run.
/// The list is 100,000 recipients at concurrency 64, and scaled so every run takes about as long (≈ 31 s) at 8 and 1:
/// 100,000 recipients one at a time would take 33 minutes per iteration. Results are per recipient.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ProviderSendBenchmarks
{
    private const string Text = "Spring sale at Acme Outdoor: 20% off everything until Sunday. Reply STOP to opt out.";
    private SlowProviderStub _stub = null!;
    private HttpClient _client = null!;
    private ServiceProvider _services = null!;

    [Params(1, 8, 64)]
    public int Concurrency { get; set; }

    /// <summary>100,000 at 64; as many round trips per slot at 8 and 1.</summary>
    public int Recipients => Concurrency == 64 ? 100_000 : Concurrency * 1_560;

    [GlobalSetup]
    public void Setup()
    {
        _stub = SlowProviderStub.StartAsync(TimeSpan.FromMilliseconds(20)).GetAwaiter().GetResult();
        _client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = _stub.BaseAddress };
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.Sending.MaxConcurrency = Concurrency;
            o.Sending.OptOutPolicy = OptOutPolicy.Off;
        }).UseInMemory().AddTelnyx(o =>
        {
            o.ApiKey = "KEYbench";
            o.From = "+18005550100";
            o.BaseAddress = _stub.BaseAddress;
        });
        _services = services.BuildServiceProvider();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _client.Dispose();
        _stub.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Parallel.ForEachAsync + HttpClient")]
    public async Task<long> HandWritten()
    {
        var sent = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(0, Recipients), parallel, async (i, ct) =>
        {
            var json = $"{{\"to\":\"{Number(i)}\",\"text\":\"{Text}\",\"from\":\"+18005550100\"}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "KEYbench");
            using var response = await _client.SendAsync(request, ct);
            await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref sent);
            }
        });
        return sent;
    }

    [Benchmark(Description = "ISmsSender.SendToListAsync through the Telnyx transport")]
    public async Task<long> SmsOptOutListSend()
    {
        var result = await _services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(new AccountId("bench"), new ListId("run-" + Guid.NewGuid().ToString("N")), Text), Numbers());
        return result.Sent;
    }

    private static string Number(int i) => "+1212" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<string> Numbers()
    {
        for (var i = 0; i < Recipients; i++)
        {
            yield return Number(i);
        }

        await Task.CompletedTask;
    }
}
