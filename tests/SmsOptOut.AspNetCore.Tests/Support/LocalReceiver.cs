using System.Net;
using System.Net.Sockets;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>A webhook receiver on 127.0.0.1 (HttpListener): answers 200 and remembers each request's method and path.</summary>
internal sealed class LocalReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _received = [];
    private readonly Task _receiving;

    public LocalReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks");
        }

        _listener.Prefixes.Add(new Uri(Url, "/").ToString());
        _listener.Start();
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Where to send webhooks.</summary>
    public Uri Url { get; }

    /// <summary>What arrived, as "METHOD /path", in order.</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _receiving;
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                lock (_received)
                {
                    _received.Add(context.Request.HttpMethod + " " + context.Request.Url!.AbsolutePath);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
