using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Sends through Telnyx's Messaging API: <c>POST /v2/messages</c> with <c>{"from","to","text","messaging_profile_id","webhook_url"}</c>
/// and the API key as a Bearer token (https://developers.telnyx.com/api/messaging/send-message). A queued message answers
/// <c>{"data":{"id":…}}</c>; a refusal answers <c>{"errors":[{"code","title","detail"}]}</c>, and code 40300 ("Blocked due to
/// STOP message", https://developers.telnyx.com/docs/messaging/messages/advanced-opt-in-out) means the recipient opted out.
/// </summary>
internal sealed class TelnyxSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TelnyxOptions> options, TimeProvider time) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.Telnyx";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TelnyxOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = TelnyxProvider.ProviderName };
        }

        var body = new JsonObject { ["to"] = message.To.ToString(), ["text"] = message.Body };
        if ((message.From?.ToString() ?? o.From) is { Length: > 0 } from)
        {
            body["from"] = from;
        }

        if (o.MessagingProfileId is { Length: > 0 } profile)
        {
            body["messaging_profile_id"] = profile;
        }

        if (o.WebhookUrl is { } webhook)
        {
            body["webhook_url"] = webhook.ToString();
        }

        var url = new Uri(ProviderHttp.Root(o.BaseAddress), "v2/messages");
        var auth = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        return await ProviderHttp.SendMessageAsync(
            httpClients.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = ProviderHttp.Json(body), Headers = { Authorization = auth } },
            ReadAsync,
            new ProviderRetryPolicy(TelnyxProvider.ProviderName, "Telnyx", o.RequestTimeout, o.MaxAttempts, o.MaxRetryDelay),
            time,
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(TelnyxOptions) ? options.Static
        : serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : null;

    private async Task<ProviderResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (ProviderHttp.Throttled(response, time) is { } retry)
        {
            return retry;
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "data", "id")));
        }

        if (status is < 400 or >= 500)
        {
            return ProviderResponse.Unknown;
        }

        var code = ProviderHttp.ReadJson(body, "errors", "0", "code") ?? status.ToString(CultureInfo.InvariantCulture);
        var text = ProviderHttp.ReadJson(body, "errors", "0", "detail") ?? ProviderHttp.ReadJson(body, "errors", "0", "title") ?? $"HTTP {status}";
        return ProviderResponse.Final(code == TelnyxProvider.BlockedByStop
            ? SmsSendResult.OptedOut(code, text)
            : SmsSendResult.Failed(code, text));
    }
}
