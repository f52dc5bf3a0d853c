using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// Sends through SMS.to's API: <c>POST /sms/send</c> with <c>{"message","to","sender_id","callback_url"}</c> and the API
/// key as a Bearer token (https://docs.sms.to/api/#send-single-message, and the official client intergo/sms.to-php
/// <c>Module/Sms/Sms.php</c>). A queued message answers <c>{"success":true,"message_id":…}</c>. SMS.to refuses nothing
/// at send time for an opted-out recipient: such a message ends <c>UNSUBSCRIBED</c> in its status callback.
/// </summary>
internal sealed class SmsToSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<SmsToOptions> options, TimeProvider time, ILoggerFactory loggers)
    : ProviderTransport<SmsToOptions>(httpClients, options, time, loggers)
{
    public const string HttpClientName = "SmsOptOut.SmsTo";

    protected override string ProviderName => SmsToProvider.ProviderName;

    protected override string ClientName => HttpClientName;

    protected override ProviderRetryPolicy Policy(SmsToOptions options) =>
        new(SmsToProvider.ProviderName, "SMS.to", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay);

    protected override HttpRequestMessage CreateRequest(SmsMessage message, SmsToOptions options)
    {
        var body = new JsonObject { ["message"] = message.Body, ["to"] = message.To.ToString() };
        if ((message.From?.ToProviderString(plusPrefix: true) ?? options.SenderId) is { } sender)
        {
            body["sender_id"] = sender;
        }

        if (options.StatusCallbackUrl is { } callback)
        {
            body["callback_url"] = callback.ToString();
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(ProviderHttp.Root(options.BaseAddress), "sms/send"))
        {
            Content = ProviderHttp.Json(body), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey) },
        };
    }

    protected override ProviderResponse Read(HttpStatusCode status, string body)
    {
        var code = (int)status;
        var text = ProviderHttp.ReadJson(body, "message");
        if (code is >= 200 and < 300)
        {
            return ProviderHttp.ReadJson(body, "success") == "false"
                ? ProviderResponse.Final(SmsSendResult.Failed(code.ToString(CultureInfo.InvariantCulture), text ?? "SMS.to did not accept the message"))
                : ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "message_id")));
        }

        return code is >= 400 and < 500
            ? ProviderResponse.Final(SmsSendResult.Failed(code.ToString(CultureInfo.InvariantCulture), text ?? $"HTTP {code}"))
            : ProviderResponse.Unknown;
    }
}
