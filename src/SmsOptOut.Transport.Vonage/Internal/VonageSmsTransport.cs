using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsOptOut.Messages;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// Sends through Vonage's SMS API: <c>POST /sms/json</c> with the form fields <c>api_key</c>, <c>api_secret</c>,
/// <c>from</c>, <c>to</c>, <c>text</c>, <c>type</c> (<c>unicode</c> beyond GSM-7) and <c>callback</c>
/// (https://developer.vonage.com/en/api/sms#send-an-sms). The answer is HTTP 200 with one entry per message part in
/// <c>messages</c>, each with a <c>status</c> (https://developer.vonage.com/en/api-errors/sms): 0 queued; 1 throttled
/// (nothing sent: retried); 5 an internal error (unknown); 7 "Number Barred" (the recipient may not receive messages:
/// reported as opted out); any other a refusal in <c>error-text</c>.
/// </summary>
internal sealed class VonageSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<VonageOptions> options, TimeProvider time) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.Vonage";

    private const string Throttled = "1";
    private const string InternalError = "5";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        VonageOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = VonageProvider.ProviderName };
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("api_key", o.ApiKey), new("api_secret", o.ApiSecret),
            new("from", (message.From?.ToString() ?? o.From).TrimStart('+')), new("to", message.To.ToString()[1..]), new("text", message.Body),
        };
        if (!SmsSegmentCalculator.IsGsm7(message.Body))
        {
            form.Add(new("type", "unicode"));
        }

        if (o.StatusCallbackUrl is { } callback)
        {
            form.Add(new("callback", callback.ToString()));
        }

        var url = new Uri(ProviderHttp.Root(o.BaseAddress), "sms/json");
        return await ProviderHttp.SendMessageAsync(
            httpClients.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) },
            ReadAsync,
            new ProviderRetryPolicy(VonageProvider.ProviderName, "Vonage", o.RequestTimeout, o.MaxAttempts, o.MaxRetryDelay),
            time,
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(VonageOptions) ? options.Static
        : serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : null;

    private async Task<ProviderResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (ProviderHttp.Throttled(response, time) is { } retry)
        {
            return retry;
        }

        var status = (int)response.StatusCode;
        if (status is < 200 or >= 300)
        {
            return status is >= 400 and < 500
                ? ProviderResponse.Final(SmsSendResult.Failed(status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Vonage answered HTTP {status}"))
                : ProviderResponse.Unknown;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        List<(string Status, string? Id, string? Error)> parts;
        try
        {
            using var document = JsonDocument.Parse(body);
            parts = document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                ? [.. messages.EnumerateArray().Select(m => (ProviderJson.Find(m, "status") ?? string.Empty, ProviderJson.Find(m, "message-id"), ProviderJson.Find(m, "error-text")))]
                : [];
        }
        catch (JsonException)
        {
            parts = [];
        }

        if (parts.Count == 0)
        {
            // A 200 that names no message says nothing about whether one was created.
            return ProviderResponse.Unknown;
        }

        if (parts.All(p => p.Status == "0"))
        {
            return ProviderResponse.Final(SmsSendResult.Sent(parts[0].Id));
        }

        var (code, _, error) = parts.First(p => p.Status != "0");
        return code switch
        {
            Throttled when parts.All(p => p.Status == Throttled) => ProviderResponse.Retry(TimeSpan.FromSeconds(1)),
            InternalError => ProviderResponse.Unknown,
            VonageProvider.NumberBarred => ProviderResponse.Final(SmsSendResult.OptedOut(code, error ?? "Number Barred")),
            _ when parts.Any(p => p.Status == "0") => ProviderResponse.Final(new SmsSendResult(SmsSendStatus.FailedUnknown)
            {
                ProviderErrorCode = code, ErrorMessage = $"Vonage queued some parts of the message and refused another: {error}",
            }),
            _ => ProviderResponse.Final(SmsSendResult.Failed(code, error ?? $"Vonage status {code}")),
        };
    }
}
