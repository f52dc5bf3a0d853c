using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// Sends through Plivo's Message API: <c>POST /v1/Account/{auth_id}/Message/</c> with <c>{"src","dst","text","url","method"}</c>
/// (or <c>powerpack_uuid</c> for <c>src</c>) and Basic authentication with the Auth ID and Auth Token
/// (https://www.plivo.com/docs/messaging/api/message/send-a-message). A queued message answers 202 with
/// <c>{"message_uuid":[…]}</c>. Plivo refuses nothing at send time for a recipient who replied STOP: such a message fails
/// later with error 200, which its status callback reports.
/// </summary>
internal sealed class PlivoSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<PlivoOptions> options, TimeProvider time, ILoggerFactory loggers)
    : ProviderTransport<PlivoOptions>(httpClients, options, time, loggers)
{
    public const string HttpClientName = "SmsOptOut.Plivo";

    protected override string ProviderName => PlivoProvider.ProviderName;

    protected override string ClientName => HttpClientName;

    protected override ProviderRetryPolicy Policy(PlivoOptions options) =>
        new(PlivoProvider.ProviderName, "Plivo", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay);

    protected override HttpRequestMessage CreateRequest(SmsMessage message, PlivoOptions options)
    {
        var body = new JsonObject { ["dst"] = message.To.ToString(), ["text"] = message.Body };
        if ((message.From?.ToProviderString(plusPrefix: true) ?? options.From) is { Length: > 0 } from)
        {
            body["src"] = from;
        }
        else
        {
            body["powerpack_uuid"] = options.PowerpackUuid;
        }

        if (options.StatusCallbackUrl is { } callback)
        {
            body["url"] = callback.ToString();
            body["method"] = "POST";
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(ProviderHttp.Root(options.BaseAddress), $"v1/Account/{Uri.EscapeDataString(options.AuthId)}/Message/"))
        {
            Content = ProviderHttp.Json(body), Headers = { Authorization = ProviderHttp.Basic(options.AuthId, options.AuthToken) },
        };
    }

    protected override ProviderResponse Read(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "message_uuid", "0")));
        }

        return code is >= 400 and < 500
            ? ProviderResponse.Final(SmsSendResult.Failed(code.ToString(CultureInfo.InvariantCulture), ProviderHttp.ReadJson(body, "error") ?? $"HTTP {code}"))
            : ProviderResponse.Unknown;
    }
}
