using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsOptOut.Benchmarks;

/// <summary>A provider's send API on Kestrel at 127.0.0.1 that answers every message after a fixed latency, like Telnyx's <c>POST /v2/messages</c>.</summary>
internal sealed class SlowProviderStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _arrivals = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _received;

    private SlowProviderStub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Messages received so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>When each message arrived, on the stub's monotonic clock, in order.</summary>
    public TimeSpan[] Arrivals => [.. _arrivals.Order()];

    public static async Task<SlowProviderStub> StartAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var stub = new SlowProviderStub(builder.Build());
        stub._app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            stub._arrivals.Enqueue(stub._clock.Elapsed);
            await Task.Delay(latency);
            Interlocked.Increment(ref stub._received);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"data\":{\"record_type\":\"message\",\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\"}}");
        });
        await stub._app.StartAsync();
        stub.BaseAddress = new Uri(stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
