using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Webhook deliveries per second to a Kestrel receiver on 127.0.0.1 answering 204, with the in-memory outbox:
/// 2,000 owed opt-outs per operation delivered by <see cref="IOptOutWebhookDispatcher.DispatchDueAsync"/> (claim,
/// sign, POST, record), against plain <see cref="HttpClient"/> POSTs of the same bodies with the same concurrency (32)
/// in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class WebhookDeliveryBenchmarks
{
    private const int Count = 2_000;
    private const int Concurrency = 32;
    private WebApplication _receiver = null!;
    private Uri _url = null!;
    private HttpClient _client = null!;
    private ServiceProvider? _services;
    private IOptOutWebhookDispatcher _dispatcher = null!;
    private string[] _bodies = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 204;
        });
        _receiver.StartAsync().GetAwaiter().GetResult();
        _url = new Uri(new Uri(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
        _bodies = Enumerable.Range(0, Count).Select(i => $"{{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+49176{i:D8}\",\"source\":\"Optout Link\"}}").ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        _client.Dispose();
        _receiver.StopAsync().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(Dispatcher))]
    public void OweWebhooks()
    {
        _services?.Dispose();
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.Webhooks.CallbackUrl = _url;
            o.Webhooks.Secrets.Add(WebhookSecret.Generate());
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
            o.Webhooks.MaxConcurrency = Concurrency;
            o.Webhooks.MaxConcurrencyPerEndpoint = Concurrency;
        }).UseInMemory();
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<IOptOutWebhookDispatcher>();
        var optOut = _services.GetRequiredService<IOptOutService>();
        for (var i = 0; i < Count; i++)
        {
            optOut.OptOutAsync(new ConsentRequest(new AccountId("bench"), PhoneNumber.FromValue(4_917_600_000_000UL + (ulong)i), OptOutSource.OptOutLink))
                .GetAwaiter().GetResult();
        }
    }

    [IterationSetup(Target = nameof(RawPosts))]
    public void SameInvocationCount()
    {
        // Both benchmarks run once per iteration (the dispatcher needs fresh owed webhooks each time).
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "HttpClient POST, 32 at once")]
    public async Task RawPosts()
    {
        await Parallel.ForEachAsync(_bodies, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (body, token) =>
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _client.PostAsync(_url, content, token);
            response.EnsureSuccessStatusCode();
        });
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "IOptOutWebhookDispatcher (claim, sign, POST, record)")]
    public async Task Dispatcher()
    {
        while (await _dispatcher.DispatchDueAsync() > 0)
        {
        }
    }
}
