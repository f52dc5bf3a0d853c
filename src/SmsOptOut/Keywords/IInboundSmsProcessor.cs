namespace SmsOptOut.Keywords;

/// <summary>
/// Handles a message a person sent to an account's number: classifies it, records an opt-out (source
/// <c>Keyword</c>, webhook text "TollFree number") or opt-in through <c>IOptOutService</c>, and answers with exactly one
/// confirmation per opt-out within the reply window, the help text for HELP, and nothing for ordinary replies.
/// </summary>
public interface IInboundSmsProcessor
{
    /// <summary>Processes one inbound message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="delivery">Whether the processor sends the reply (default) or the caller does.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was recorded and replied.</returns>
    Task<InboundSmsResult> ProcessAsync(InboundSms message, InboundReplyDelivery delivery = InboundReplyDelivery.Transport, CancellationToken cancellationToken = default);
}
