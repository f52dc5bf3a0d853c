using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// Sends through SMS.to's API: <c>POST /sms/send</c> with <c>{"message","to","sender_id","callback_url"}</c> and the API
/// key as a Bearer token (https://docs.sms.to/api/#send-single-message, and the official client intergo/sms.to-php
/// <c>Module/Sms/Sms.php</c>). A queued message answers <c>{"success":true,"message_id":…}</c>. SMS.to refuses nothing
/// at send time for an opted-out recipient: such a message ends <c>UNSUBSCRIBED</c> in its status callback.
/// </summary>
internal sealed class SmsToSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<SmsToOptions> options, TimeProvider time) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.SmsTo";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        SmsToOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = SmsToProvider.ProviderName };
        }

        var body = new JsonObject { ["message"] = message.Body, ["to"] = message.To.ToString() };
        if ((message.From?.ToString() ?? o.SenderId) is { } sender)
        {
            body["sender_id"] = sender;
        }

        if (o.StatusCallbackUrl is { } callback)
        {
            body["callback_url"] = callback.ToString();
        }

        var url = new Uri(ProviderHttp.Root(o.BaseAddress), "sms/send");
        var auth = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        return await ProviderHttp.SendMessageAsync(
            httpClients.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = ProviderHttp.Json(body), Headers = { Authorization = auth } },
            ReadAsync,
            new ProviderRetryPolicy(SmsToProvider.ProviderName, "SMS.to", o.RequestTimeout, o.MaxAttempts, o.MaxRetryDelay),
            time,
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(SmsToOptions) ? options.Static
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
        var text = ProviderHttp.ReadJson(body, "message");
        if (status is >= 200 and < 300)
        {
            return ProviderHttp.ReadJson(body, "success") == "false"
                ? ProviderResponse.Final(SmsSendResult.Failed(status.ToString(CultureInfo.InvariantCulture), text ?? "SMS.to did not accept the message"))
                : ProviderResponse.Final(SmsSendResult.Sent(ProviderHttp.ReadJson(body, "message_id")));
        }

        return status is >= 400 and < 500
            ? ProviderResponse.Final(SmsSendResult.Failed(status.ToString(CultureInfo.InvariantCulture), text ?? $"HTTP {status}"))
            : ProviderResponse.Unknown;
    }
}
