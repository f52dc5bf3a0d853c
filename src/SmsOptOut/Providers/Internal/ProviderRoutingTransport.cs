using System.Collections.Frozen;
using SmsOptOut.Sending;

namespace SmsOptOut.Providers.Internal;

/// <summary>The <see cref="ISmsTransport"/> when providers are registered: each message goes through its account's provider.</summary>
internal sealed class ProviderRoutingTransport(IEnumerable<ISmsProvider> providers, ISmsProviderSelector selector) : ISmsTransport
{
    private readonly FrozenDictionary<string, ISmsProvider> _providers = providers.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var name = await selector.SelectAsync(message.Account, cancellationToken).ConfigureAwait(false);
        return _providers.TryGetValue(name, out var provider)
            ? await provider.Transport.SendAsync(message, cancellationToken).ConfigureAwait(false)
            : SmsSendResult.Failed(null,
                $"No SMS provider named '{name}' is registered for account '{message.Account}' (registered: {string.Join(", ", _providers.Keys)}).");
    }

    /// <summary>With one provider, the escape hatch reaches it (its options, its client); with several, ask the provider itself.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : _providers.Count == 1 ? _providers.Values[0].Transport.GetService(serviceType!, serviceKey)
        : null;
}
