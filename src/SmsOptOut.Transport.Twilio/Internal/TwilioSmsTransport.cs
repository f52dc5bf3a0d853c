using System.Globalization;
using Microsoft.Extensions.Options;
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
internal sealed class TwilioSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TwilioOptions> options, TimeProvider timeProvider) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.Twilio";
    private const string UnsubscribedRecipient = "21610";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TwilioOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = TwilioInbound.ProviderName };
        }

        var form = Form(message, o);
        var root = ProviderHttp.Root(o.BaseAddress);
        var url = new Uri(root, $"2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid)}/Messages.json");
        var auth = ProviderHttp.Basic(o.AccountSid, o.AuthToken);
        return await ProviderHttp.SendMessageAsync(
            httpClients.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form), Headers = { Authorization = auth } },
            ReadAsync,
            new ProviderRetryPolicy(TwilioInbound.ProviderName, "Twilio", o.RequestTimeout, o.MaxAttempts, o.MaxRetryDelay),
            timeProvider,
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(TwilioOptions) ? options.Static
        : serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : null;

    private async Task<ProviderResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (ProviderHttp.Throttled(response, timeProvider) is { } retry)
        {
            return retry;
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "sid")));
        }

        if (status is >= 400 and < 500)
        {
            var code = ProviderHttp.ReadJson(body, "code") ?? status.ToString(CultureInfo.InvariantCulture);
            var text = ProviderHttp.ReadJson(body, "message") ?? $"HTTP {status}";
            return ProviderResponse.Final(code == UnsubscribedRecipient ? SmsSendResult.OptedOut(code, text) : SmsSendResult.Failed(code, text));
        }

        return ProviderResponse.Unknown;
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
            form.Add(new("From", from.ToString()));
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
