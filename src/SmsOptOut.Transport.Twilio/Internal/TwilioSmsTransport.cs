using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>
/// Sends through Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource)
/// with the account's own credentials when it has them. Retries only what provably created nothing (429, 503 with
/// Retry-After, a refused connection); a timeout or a server error after the request was sent is reported as
/// <see cref="SmsSendStatus.FailedUnknown"/>, never retried, so no message goes out twice. Error 21610 (the recipient
/// replied STOP: https://www.twilio.com/docs/api/errors/21610) is <see cref="SmsSendStatus.RecipientOptedOut"/>.
/// </summary>
internal sealed class TwilioSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TwilioOptions> options, TimeProvider timeProvider, ILoggerFactory loggers)
    : ProviderTransport<TwilioOptions>(httpClients, options, timeProvider, loggers)
{
    public const string HttpClientName = "SmsOptOut.Twilio";
    private const string UnsubscribedRecipient = "21610";

    protected override string ProviderName => TwilioInbound.ProviderName;

    protected override string ClientName => HttpClientName;

    protected override ProviderRetryPolicy Policy(TwilioOptions options) =>
        new(TwilioInbound.ProviderName, "Twilio", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay);

    protected override HttpRequestMessage CreateRequest(SmsMessage message, TwilioOptions options) =>
        new(HttpMethod.Post, new Uri(ProviderHttp.Root(options.BaseAddress), $"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(Form(message, options)),
            Headers = { Authorization = ProviderHttp.Basic(options.AccountSid, options.AuthToken) },
        };

    protected override ProviderResponse Read(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "sid")));
        }

        if (code is < 400 or >= 500)
        {
            return ProviderResponse.Unknown;
        }

        var error = ProviderHttp.ReadJson(body, "code") ?? code.ToString(CultureInfo.InvariantCulture);
        var text = ProviderHttp.ReadJson(body, "message") ?? $"HTTP {code}";
        return ProviderResponse.Final(error == UnsubscribedRecipient ? SmsSendResult.OptedOut(error, text) : SmsSendResult.Failed(error, text));
    }

    private static List<KeyValuePair<string, string>> Form(SmsMessage message, TwilioOptions o)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", message.To.ToString()), new("Body", message.Body) };
        if (o.StatusCallbackUrl is { } callback)
        {
            form.Add(new("StatusCallback", callback.ToString()));
        }

        if (message.From is { } from)
        {
            form.Add(new("From", from.ToProviderString(plusPrefix: true)));
        }
        else if (!string.IsNullOrEmpty(o.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", o.MessagingServiceSid));
        }
        else
        {
            form.Add(new("From", o.From!));
        }

        return form;
    }
}
