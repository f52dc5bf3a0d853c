using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// YARP in process on 127.0.0.1, in front of a host, the way nginx or a load balancer sits on the same machine: every
/// request reaches the host from 127.0.0.1. With <c>forwardedHeaders</c> it adds X-Forwarded-For/-Proto/-Host/-Prefix
/// (YARP's default); without, it adds none (nginx's bare <c>proxy_pass</c>). A request carrying
/// <see cref="ClientAddressHeader"/> is treated as if the proxy's client connected from that address — a visitor from
/// another machine — since every test client here really is on this one.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    public const string ClientAddressHeader = "X-Test-Proxy-Client-Address";

    private readonly WebApplication _app;

    private ReverseProxy(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public static async Task<ReverseProxy> StartAsync(Uri destination, bool forwardedHeaders)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = "all", ClusterId = "app", Match = new RouteMatch { Path = "{**catch-all}" },
                    Transforms = forwardedHeaders ? null : [new Dictionary<string, string> { ["X-Forwarded"] = "Off" }],
                },
            ],
            [new ClusterConfig { ClusterId = "app", Destinations = new Dictionary<string, DestinationConfig> { ["app"] = new() { Address = destination.ToString() } } }]);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.Remove(ClientAddressHeader, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            return next(context);
        });
        app.MapReverseProxy();
        await app.StartAsync();
        return new ReverseProxy(app);
    }

    /// <summary>A client of the proxy; with <paramref name="from"/>, its requests come from that address as the proxy sees them.</summary>
    public HttpClient Client(string? from = null, string? user = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressHeader, from);
        }

        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
