using System.Security;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.Transport.Twilio;

/// <summary>Maps Twilio's inbound-message webhook to <see cref="InboundSms"/>, and replies to TwiML.</summary>
public static class TwilioInbound
{
    /// <summary>The provider name recorded with evidence.</summary>
    public const string ProviderName = "twilio";

    /// <summary>Reads Twilio's form parameters (<c>From</c>, <c>To</c>, <c>Body</c>, <c>MessageSid</c>).</summary>
    /// <param name="account">The account that owns the <c>To</c> number.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="receivedAt">When the webhook arrived.</param>
    /// <returns>The inbound message.</returns>
    /// <exception cref="ArgumentException">A parameter is missing, or <c>From</c> / <c>To</c> is not a phone number.</exception>
    public static InboundSms ToInboundSms(AccountId account, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        var from = Number(form, "From");
        var to = Number(form, "To");
        return new InboundSms(account, from, to, form.GetValueOrDefault("Body") ?? string.Empty, receivedAt)
        {
            ProviderMessageId = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid"),
            ProviderName = ProviderName,
        };
    }

    /// <summary>A TwiML response that replies with <paramref name="reply"/>, or says nothing when it is <see langword="null"/>.</summary>
    /// <param name="reply">The reply text.</param>
    /// <returns>The XML document.</returns>
    public static string TwimlResponse(string? reply) =>
        reply is null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(reply)}</Message></Response>";

    private static PhoneNumber Number(IReadOnlyDictionary<string, string> form, string name)
    {
        if (!form.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Twilio's webhook has no '{name}' parameter.", nameof(form));
        }

        return PhoneNumber.TryParse(value, null, out var number, out var error)
            ? number
            : throw new ArgumentException($"Twilio's '{name}' parameter: " + PhoneNumberErrorText.Describe(value, null, error), nameof(form));
    }
}
