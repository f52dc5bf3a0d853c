using System.Security;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio;

/// <summary>Maps Twilio's inbound-message webhook to <see cref="InboundSms"/>, and replies to TwiML.</summary>
public static class TwilioInbound
{
    /// <summary>The provider name recorded with evidence.</summary>
    public const string ProviderName = "twilio";

    /// <summary>Reads Twilio's form parameters (<c>From</c>, <c>To</c>, <c>Body</c>, <c>MessageSid</c>).</summary>
    /// <param name="account">The account that owns the <c>To</c> address.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="receivedAt">When the webhook arrived.</param>
    /// <returns>The inbound message.</returns>
    /// <exception cref="ArgumentException">A parameter is missing, <c>From</c> is not a person's phone number, or <c>To</c> is no address.</exception>
    public static InboundSms ToInboundSms(AccountId account, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt) =>
        ToInboundSms(account, form, receivedAt, null);

    /// <summary>
    /// Reads Twilio's form parameters (<c>From</c>, <c>To</c>, <c>Body</c>, <c>MessageSid</c>, <c>OptOutType</c>). <c>To</c>
    /// may be a long code, a toll-free number, a short code (its country from <c>ToCountry</c>, else
    /// <paramref name="defaultRegion"/>) or an alphanumeric sender ID; a national <c>From</c> is read in <c>FromCountry</c>,
    /// else <paramref name="defaultRegion"/>. <c>OptOutType</c> — <c>STOP</c>, <c>START</c> or <c>HELP</c>, sent when the
    /// number's Messaging Service has Advanced Opt-Out and Twilio matched one of its keywords, custom and localised ones
    /// included — becomes <see cref="InboundSms.ProviderClassification"/>, so a message Twilio treated as STOP is an opt-out
    /// here too; another value is ignored.
    /// </summary>
    /// <param name="account">The account that owns the <c>To</c> address.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="receivedAt">When the webhook arrived.</param>
    /// <param name="defaultRegion">The host's default region, or <see langword="null"/>.</param>
    /// <returns>The inbound message.</returns>
    /// <exception cref="ArgumentException">A parameter is missing, <c>From</c> is not a person's phone number, or <c>To</c> is no address.</exception>
    public static InboundSms ToInboundSms(AccountId account, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt, string? defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(form);
        var from = ProviderNumbers.Require(Parameter(form, "From"), "From", Country(form, "FromCountry") ?? defaultRegion);
        var to = ProviderNumbers.RequireSender(Parameter(form, "To"), "To", defaultRegion, Country(form, "ToCountry"));
        return new InboundSms(account, from, to, form.GetValueOrDefault("Body") ?? string.Empty, receivedAt)
        {
            ProviderMessageId = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid"),
            ProviderName = ProviderName,
            ProviderClassification = Classification(form.GetValueOrDefault("OptOutType")),
        };
    }

    /// <summary>A TwiML response that replies with <paramref name="reply"/>, or says nothing when it is <see langword="null"/>.</summary>
    /// <param name="reply">The reply text.</param>
    /// <returns>The XML document.</returns>
    public static string TwimlResponse(string? reply) =>
        reply is null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(reply)}</Message></Response>";

    /// <summary>Twilio's <c>OptOutType</c> (https://support.twilio.com/hc/en-us/articles/31560110671259): STOP, START or HELP, in any case.</summary>
    private static KeywordClass? Classification(string? optOutType) => optOutType?.Trim().ToUpperInvariant() switch
    {
        "STOP" => KeywordClass.OptOut,
        "START" => KeywordClass.OptIn,
        "HELP" => KeywordClass.Help,
        _ => null,
    };

    private static string Parameter(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value
        : throw new ArgumentException($"Twilio's webhook has no '{name}' parameter.", nameof(form));

    /// <summary>Twilio's <c>ToCountry</c> / <c>FromCountry</c>, when it is a two-letter country.</summary>
    private static string? Country(IReadOnlyDictionary<string, string> form, string name) =>
        form.GetValueOrDefault(name) is { Length: 2 } country && char.IsAsciiLetter(country[0]) && char.IsAsciiLetter(country[1]) ? country : null;
}
