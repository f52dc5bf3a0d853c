using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmsOptOut.Webhooks.Internal;

namespace SmsOptOut.Tests.Fakes;

/// <summary>
/// DNS (an edge we do not own) under the test's control: names answer what the test set, in order, so a name can
/// answer a public address first and a loopback address on the next lookup (rebinding).
/// </summary>
internal sealed class FakeDns : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPAddress[]> _last = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups;

    public FakeDns Answer(string host, params string[] addresses)
    {
        _answers.GetOrAdd(host, _ => new ConcurrentQueue<IPAddress[]>()).Enqueue(addresses.Select(IPAddress.Parse).ToArray());
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lookups);
        if (_answers.TryGetValue(host, out var queue) && queue.TryDequeue(out var next))
        {
            _last[host] = next;
            return Task.FromResult(next);
        }

        return _last.TryGetValue(host, out var last)
            ? Task.FromResult(last)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
