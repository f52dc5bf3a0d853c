namespace SmsOptOut.Providers;

/// <summary>
/// Reads one provider's webhooks without any web framework: given the HTTP request as it arrived (method, public URL,
/// headers, raw body), verifies the provider's signature before anything is parsed, then says what arrived — inbound
/// messages for the keyword processor, opt-outs or opt-ins the provider reports — or why the request is refused.
/// </summary>
public interface IInboundWebhookReader
{
    /// <summary>Verifies and reads one request.</summary>
    /// <param name="request">The request as it arrived.</param>
    /// <param name="accounts">How the host finds the account of a number, and whether an account exists.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What arrived, or why it was refused. Never throws for a bad request.</returns>
    Task<InboundWebhookResult> ReadAsync(InboundWebhookRequest request, IInboundAccountResolver accounts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the provider sends the keyword reply itself when the webhook's answer carries it (Twilio's TwiML);
    /// otherwise the reply goes out through the transport.
    /// </summary>
    bool RepliesInResponse => false;

    /// <summary>The answer to send the provider for an accepted request, with the keyword reply when <see cref="RepliesInResponse"/>.</summary>
    /// <param name="result">What was read.</param>
    /// <param name="reply">The keyword reply to return, or <see langword="null"/>.</param>
    /// <returns>The HTTP answer. Default: 200 with an empty body.</returns>
    InboundWebhookResponse Respond(InboundWebhookResult result, string? reply) => InboundWebhookResponse.Empty;
}
