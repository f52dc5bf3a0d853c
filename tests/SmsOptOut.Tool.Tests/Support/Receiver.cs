using System.Net;
using System.Net.Sockets;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>The customer's webhook endpoint on 127.0.0.1 (HttpListener): answers every request with <see cref="Status"/> and counts them.</summary>
internal sealed class Receiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _requests;

    public Receiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook");
        probe.Stop();
        _listener.Prefixes.Add(new Uri(Url, "/").ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public int Status { get; set; } = 204;

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                Interlocked.Increment(ref _requests);
                context.Response.StatusCode = Status;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
