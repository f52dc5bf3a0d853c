using System.Net;
using System.Net.Sockets;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook client: resolves the host itself, at connect
/// time, and refuses to connect when any resolved address is refused — so DNS rebinding between a check and the
/// request cannot reach an internal address.
/// </summary>
internal sealed class SsrfConnectCallback(IWebhookHostResolver resolver, bool allowLoopback)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException($"{host} resolves to no address");
        }

        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address, allowLoopback) is { } refusal)
            {
                throw new WebhookAddressRefusedException($"{host} resolves to {refusal}; webhooks only go to public addresses");
            }
        }

        var targets = addresses.Select(AddressPolicy.Unwrap).ToArray();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(targets, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
