namespace SmsOptOut.Sending;

/// <summary>
/// Sends one SMS through a provider. Implementations must not retry in a way that can send a message twice: when it
/// is unknown whether the provider created the message, return <see cref="SmsSendStatus.FailedUnknown"/>.
/// </summary>
public interface ISmsTransport
{
    /// <summary>Hands one message to the provider.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the provider said. Expected failures are results, not exceptions.</returns>
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// An escape hatch to the objects behind the transport (for example the provider's client or options), or to
    /// the transport itself when it is decorated.
    /// </summary>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The object, or <see langword="null"/> when the transport has none of that type.</returns>
    object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;
}
