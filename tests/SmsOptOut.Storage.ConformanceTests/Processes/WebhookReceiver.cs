using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmsOptOut.Storage.ConformanceTests.Processes;

/// <summary>
/// The customer's webhook endpoint (an edge we do not own) on a real socket at 127.0.0.1, on a free port.
/// <see cref="Handle"/> reads each request's <c>webhook-id</c> and body and decides the status code.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private WebhookReceiver(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(ListenAsync);
    }

    /// <summary>The callback URL to configure.</summary>
    public Uri Url { get; }

    /// <summary>Answers a request (webhook id, body) with a status code; 204 by default.</summary>
    public Func<string, string, Task<int>> Handle { get; set; } = static (_, _) => Task.FromResult(204);

    public static WebhookReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, new Uri($"http://127.0.0.1:{port}/hook"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the start: try another.
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = await Handle(context.Request.Headers["webhook-id"] ?? string.Empty, body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The sender gave up (its timeout) or the receiver is closing: nothing to answer.
        }
    }
}
