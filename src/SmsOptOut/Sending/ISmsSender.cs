using SmsOptOut.Consent;

namespace SmsOptOut.Sending;

/// <summary>
/// Sends through the registered <see cref="ISmsTransport"/> with the guards compliance needs: suppressed numbers are
/// dropped at send time, <c>{optout}</c> is rendered per list recipient and refused for single numbers, and a
/// provider's "recipient opted out" error is recorded as an opt-out.
/// </summary>
public interface ISmsSender
{
    /// <summary>
    /// Sends <see cref="ListSendRequest.Template"/> to every recipient: reads numbers in any format (invalid ones are
    /// reported, not thrown), drops repeats and suppressed numbers (checked batch by batch, at send time), renders
    /// <c>{optout}</c>, and sends with bounded concurrency and an optional rate limit. Per-recipient outcomes stream to
    /// <see cref="ListSendRequest.OnRecipient"/>; memory does not grow with the list beyond the duplicate check.
    /// </summary>
    /// <param name="request">What to send, to which list.</param>
    /// <param name="recipients">The recipients, streamed.</param>
    /// <param name="cancellationToken">Stops the send: no new message is started, messages already handed to the transport finish, and the counts are returned.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="Messages.MessageTemplateException">The template has unknown or malformed placeholders; nothing was sent.</exception>
    /// <exception cref="OptOutMechanismRequiredException">The policy is Enforce and the message offers no way to opt out; nothing was sent.</exception>
    /// <exception cref="SenderIdentificationRequiredException">The policy is Enforce and the message does not identify its sender; nothing was sent.</exception>
    Task<ListSendResult> SendToListAsync(ListSendRequest request, IAsyncEnumerable<string> recipients, CancellationToken cancellationToken = default);

    /// <summary>
    /// The list message as <see cref="SendToListAsync"/> will send it: the template, with the account's sender
    /// identification text appended when the message does not name the sender. Measure it
    /// (<see cref="Messages.MessageTemplate.Measure(int)"/>) to count the segments each recipient is charged for.
    /// </summary>
    /// <param name="request">The list send.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The template that will be sent.</returns>
    /// <exception cref="Messages.MessageTemplateException">The template has unknown or malformed placeholders.</exception>
    /// <exception cref="OptOutMechanismRequiredException">The policy is Enforce and the message offers no way to opt out.</exception>
    /// <exception cref="SenderIdentificationRequiredException">The policy is Enforce and the message does not identify its sender.</exception>
    Task<Messages.MessageTemplate> ComposeListMessageAsync(ListSendRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one message to one number under exactly the rules of a list send of the same purpose (see
    /// <see cref="SingleSendRequest"/>): the outcome says what held it back, if anything — suppressed, on the Do-Not-Call
    /// registry, without consent, deferred by calling hours (held, when <c>Sending.HoldDeferred</c> is on), at a frequency cap.
    /// </summary>
    /// <param name="request">The message, its recipient, purpose and sender.</param>
    /// <param name="cancellationToken">Cancels the send before the message is handed over.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="Messages.OptOutLinkRequiresListException">The text contains <c>{optout}</c>.</exception>
    /// <exception cref="Numbers.PhoneNumberFormatException">The number is not a possible phone number.</exception>
    /// <exception cref="SenderIdentificationRequiredException">The purpose binds identification, the policy is Enforce and the message does not name its sender.</exception>
    /// <exception cref="OptOutMechanismRequiredException">The purpose binds the opt-out mechanism, the policy is Enforce and the message offers none.</exception>
    Task<SingleSendResult> SendAsync(SingleSendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends one message to one number, of <c>Sending.DefaultPurpose</c>: <see cref="SendAsync(SingleSendRequest, CancellationToken)"/> with these fields.</summary>
    /// <param name="account">The sending account.</param>
    /// <param name="number">The recipient in any format.</param>
    /// <param name="text">The message; <c>{optout}</c> is refused, because the opt-out link is a list feature.</param>
    /// <param name="from">The sending address (phone number, short code or sender ID), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Sent, suppressed, failed, or opted out at the provider.</returns>
    /// <exception cref="Messages.OptOutLinkRequiresListException">The text contains <c>{optout}</c>.</exception>
    /// <exception cref="Numbers.PhoneNumberFormatException">The number is not a possible phone number.</exception>
    Task<SingleSendResult> SendAsync(AccountId account, string number, string text, Numbers.SenderAddress? from = null, CancellationToken cancellationToken = default);
}
