using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Sends through Telnyx's Messaging API: <c>POST /v2/messages</c> with <c>{"from","to","text","messaging_profile_id","webhook_url"}</c>
/// and the API key as a Bearer token (https://developers.telnyx.com/api/messaging/send-message). A queued message answers
/// <c>{"data":{"id":…}}</c>; a refusal answers <c>{"errors":[{"code","title","detail"}]}</c>, and code 40300 ("Blocked due to
/// STOP message", https://developers.telnyx.com/docs/messaging/messages/advanced-opt-in-out) means the recipient opted out.
/// </summary>
internal sealed class TelnyxSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TelnyxOptions> options, TimeProvider time, ILoggerFactory loggers)
    : ProviderTransport<TelnyxOptions>(httpClients, options, time, loggers)
{
    public const string HttpClientName = "SmsOptOut.Telnyx";

    protected override string ProviderName => TelnyxProvider.ProviderName;

    protected override string ClientName => HttpClientName;

    protected override ProviderRetryPolicy Policy(TelnyxOptions options) =>
        new(TelnyxProvider.ProviderName, "Telnyx", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay);

    protected override HttpRequestMessage CreateRequest(SmsMessage message, TelnyxOptions options)
    {
        var body = new JsonObject { ["to"] = message.To.ToString(), ["text"] = message.Body };
        if ((message.From?.ToProviderString(plusPrefix: true) ?? options.From) is { Length: > 0 } from)
        {
            body["from"] = from;
        }

        if (options.MessagingProfileId is { Length: > 0 } profile)
        {
            body["messaging_profile_id"] = profile;
        }

        if (options.WebhookUrl is { } webhook)
        {
            body["webhook_url"] = webhook.ToString();
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(ProviderHttp.Root(options.BaseAddress), "v2/messages"))
        {
            Content = ProviderHttp.Json(body), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey) },
        };
    }

    /// <summary>Telnyx sends from an alphanumeric sender ID only through a messaging profile (https://developers.telnyx.com/docs/messaging/messages/alphanumeric-sender-id).</summary>
    protected override string? RefuseSender(SenderAddress from, TelnyxOptions options) =>
        from.Kind == SenderAddressKind.Alphanumeric && string.IsNullOrEmpty(options.MessagingProfileId)
            ? $"Telnyx sends from the alphanumeric sender ID '{from}' only with a messaging profile: set TelnyxOptions.MessagingProfileId (for this account)."
            : null;

    protected override ProviderResponse Read(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "data", "id")));
        }

        if (code is < 400 or >= 500)
        {
            return ProviderResponse.Unknown;
        }

        var error = ProviderHttp.ReadJson(body, "errors", "0", "code") ?? code.ToString(CultureInfo.InvariantCulture);
        var text = ProviderHttp.ReadJson(body, "errors", "0", "detail") ?? ProviderHttp.ReadJson(body, "errors", "0", "title") ?? $"HTTP {code}";
        return ProviderResponse.Final(error == TelnyxProvider.BlockedByStop ? SmsSendResult.OptedOut(error, text) : SmsSendResult.Failed(error, text));
    }
}
