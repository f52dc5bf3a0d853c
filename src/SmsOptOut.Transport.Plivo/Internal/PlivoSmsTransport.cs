using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
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
internal sealed class PlivoSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<PlivoOptions> options, TimeProvider time) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.Plivo";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        PlivoOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = PlivoProvider.ProviderName };
        }

        var body = new JsonObject { ["dst"] = message.To.ToString(), ["text"] = message.Body };
        if ((message.From?.ToString() ?? o.From) is { Length: > 0 } from)
        {
            body["src"] = from;
        }
        else
        {
            body["powerpack_uuid"] = o.PowerpackUuid;
        }

        if (o.StatusCallbackUrl is { } callback)
        {
            body["url"] = callback.ToString();
            body["method"] = "POST";
        }

        var url = new Uri(ProviderHttp.Root(o.BaseAddress), $"v1/Account/{Uri.EscapeDataString(o.AuthId)}/Message/");
        var auth = ProviderHttp.Basic(o.AuthId, o.AuthToken);
        return await ProviderHttp.SendMessageAsync(
            httpClients.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = ProviderHttp.Json(body), Headers = { Authorization = auth } },
            ReadAsync,
            new ProviderRetryPolicy(PlivoProvider.ProviderName, "Plivo", o.RequestTimeout, o.MaxAttempts, o.MaxRetryDelay),
            time,
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(PlivoOptions) ? options.Static
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
            return ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "message_uuid", "0")));
        }

        return status is >= 400 and < 500
            ? ProviderResponse.Final(SmsSendResult.Failed(status.ToString(CultureInfo.InvariantCulture), ProviderHttp.ReadJson(body, "error") ?? $"HTTP {status}"))
            : ProviderResponse.Unknown;
    }
}
