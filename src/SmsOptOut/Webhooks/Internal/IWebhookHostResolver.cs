using System.Net;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>Resolves a callback host to addresses; the seam tests use to play DNS (including rebinding).</summary>
internal interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
internal sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
