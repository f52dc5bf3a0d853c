using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Keywords;

/// <summary>A message a person sent to one of an account's numbers.</summary>
/// <param name="Account">The account that owns <paramref name="To"/>.</param>
/// <param name="From">The person's number.</param>
/// <param name="To">The account's address the message was sent to: a long code, toll-free number, short code or (where replies are possible) an alphanumeric sender ID.</param>
/// <param name="Body">The text as received (may be empty).</param>
/// <param name="ReceivedAt">When the provider received it.</param>
public sealed record InboundSms(AccountId Account, PhoneNumber From, SenderAddress To, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The provider's id of the message (Twilio's <c>MessageSid</c>); makes a redelivered webhook a duplicate.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider's name, for example <c>twilio</c>.</summary>
    public string? ProviderName { get; init; }

    /// <summary>
    /// How the provider itself classified the message, when it says (Twilio Advanced Opt-Out's <c>OptOutType</c>: STOP,
    /// START, HELP, custom and localised keywords included); <see langword="null"/> when it does not. A message the
    /// provider treated as an opt-out is one here even when the keyword lists would not have matched (the provider now
    /// blocks messages to the person), and the evidence says the provider classified it. An opt-in or help the provider
    /// saw counts only where the keyword lists found nothing; an opt-out they found is never turned into an opt-in.
    /// </summary>
    public KeywordClass? ProviderClassification { get; init; }

    /// <summary>
    /// Whether the provider's signature covers the message's text (default <see langword="true"/>). Plivo's V2 signs the
    /// URL and a nonce only, so anyone holding a captured V2 signature could write any text under it: such a message is
    /// taken only as what can do no harm — an opt-out or a help request — never as an opt-in, a sign-up or a double opt-in
    /// confirmation, so a forged START cannot re-subscribe anyone.
    /// </summary>
    public bool TextAuthenticated { get; init; } = true;
}
