using System.Net;
using System.Net.Sockets;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>
/// The customer's webhook endpoint, or a provider's API, on 127.0.0.1 (HttpListener): answers every request with
/// <see cref="Status"/> (and <see cref="Body"/> as JSON when set) and counts them.
/// </summary>
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

    /// <summary>A JSON body to answer with, or <see langword="null"/> for none.</summary>
    public string? Body { get; set; }

    /// <summary>The path and query of every request, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Paths { get; } = new();

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
                Paths.Enqueue(context.Request.Url!.PathAndQuery);
                context.Response.StatusCode = Status;
                if (Body is { } body)
                {
                    context.Response.ContentType = "application/json";
                    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
