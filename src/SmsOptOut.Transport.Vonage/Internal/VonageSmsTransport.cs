using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
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
internal sealed class VonageSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<VonageOptions> options, TimeProvider time, ILoggerFactory loggers)
    : ProviderTransport<VonageOptions>(httpClients, options, time, loggers)
{
    public const string HttpClientName = "SmsOptOut.Vonage";

    private const string Throttled = "1";
    private const string InternalError = "5";

    protected override string ProviderName => VonageProvider.ProviderName;

    protected override string ClientName => HttpClientName;

    protected override ProviderRetryPolicy Policy(VonageOptions options) =>
        new(VonageProvider.ProviderName, "Vonage", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay);

    protected override HttpRequestMessage CreateRequest(SmsMessage message, VonageOptions options)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("api_key", options.ApiKey), new("api_secret", options.ApiSecret),
            new("from", message.From?.ToProviderString() ?? options.From.TrimStart('+')), new("to", message.To.ToString()[1..]), new("text", message.Body),
        };
        if (!SmsSegmentCalculator.IsGsm7(message.Body))
        {
            form.Add(new("type", "unicode"));
        }

        if (options.StatusCallbackUrl is { } callback)
        {
            form.Add(new("callback", callback.ToString()));
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(ProviderHttp.Root(options.BaseAddress), "sms/json")) { Content = new FormUrlEncodedContent(form) };
    }

    protected override ProviderResponse Read(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is < 200 or >= 300)
        {
            return code is >= 400 and < 500
                ? ProviderResponse.Final(SmsSendResult.Failed(code.ToString(CultureInfo.InvariantCulture), $"Vonage answered HTTP {code}"))
                : ProviderResponse.Unknown;
        }

        var parts = Parts(body);
        if (parts.Count == 0)
        {
            // A 200 that names no message says nothing about whether one was created.
            return ProviderResponse.Unknown;
        }

        if (parts.All(p => p.Status == "0"))
        {
            return ProviderResponse.Final(SmsSendResult.Sent(parts[0].Id));
        }

        var (error, _, text) = parts.First(p => p.Status != "0");
        return error switch
        {
            Throttled when parts.All(p => p.Status == Throttled) => ProviderResponse.Retry(TimeSpan.FromSeconds(1)),
            InternalError => ProviderResponse.Unknown,
            VonageProvider.NumberBarred => ProviderResponse.Final(SmsSendResult.OptedOut(error, text ?? "Number Barred")),
            _ when parts.Any(p => p.Status == "0") => ProviderResponse.Final(new SmsSendResult(SmsSendStatus.FailedUnknown)
            {
                ProviderErrorCode = error, ErrorMessage = $"Vonage queued some parts of the message and refused another: {text}",
            }),
            _ => ProviderResponse.Final(SmsSendResult.Failed(error, text ?? $"Vonage status {error}")),
        };
    }

    /// <summary>Each message part's status, id and error text; none when the body is not Vonage's answer.</summary>
    private static List<(string Status, string? Id, string? Error)> Parts(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                ? [.. messages.EnumerateArray().Select(m => (ProviderJson.Find(m, "status") ?? string.Empty, ProviderJson.Find(m, "message-id"), ProviderJson.Find(m, "error-text")))]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
