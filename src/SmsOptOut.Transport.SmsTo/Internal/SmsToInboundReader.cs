using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// SMS.to's callbacks. The opt-out callback ("Default Optout Callback URL",
/// https://support.sms.to/support/solutions/articles/43000615117-opt-out-callbacks-webhooks) POSTs
/// <c>timestamp</c>, <c>unsubscribed_number</c> and <c>source</c> ("TollFree number" or "Optout Link") form-encoded — the
/// same article shows it as JSON, so both are read — and retries after an hour until it gets a 200. The status callback
/// (<c>callback_url</c> of a send) POSTs <c>messageId</c>, <c>phone</c> and <c>status</c>; <c>UNSUBSCRIBED</c> means the
/// recipient had opted out at SMS.to. SMS.to signs neither: the URL carries a secret (<c>?secret=…</c>) compared in
/// constant time.
/// </summary>
internal sealed class SmsToInboundReader(ProviderAccountOptions<SmsToOptions> options) : SignedWebhookReader<SmsToOptions>(options)
{
    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request) => null;

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, SmsToOptions credentials, CancellationToken cancellationToken)
    {
        if (!request.HasMediaType("application/x-www-form-urlencoded") && !request.HasMediaType("application/json"))
        {
            return ValueTask.FromResult<InboundWebhookResult?>(InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType,
                "Expected SMS.to's form-encoded (or JSON) callback."));
        }

        if (credentials.CallbackSecret is not { Length: > 0 } secret)
        {
            return ValueTask.FromResult<InboundWebhookResult?>(Unauthorized("SMS.to callbacks are refused until SmsToOptions.CallbackSecret is set."));
        }

        var presented = request.ReadQuery().Where(p => p.Key == "secret").Select(p => p.Value).FirstOrDefault() ?? string.Empty;
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));
        return ValueTask.FromResult(valid ? null : Unauthorized("Missing or wrong secret in the callback URL."));
    }

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        var fields = Fields(request);
        var result = InboundWebhookResult.Accepted(account);
        if (fields.TryGetValue("unsubscribed_number", out var unsubscribed))
        {
            return result with { ConsentChanges = [OptOutCallback(request, account, fields, unsubscribed)] };
        }

        if (fields.TryGetValue("status", out var status) && (fields.GetValueOrDefault("phone") ?? fields.GetValueOrDefault("to")) is { } phone)
        {
            return string.Equals(status, "UNSUBSCRIBED", StringComparison.OrdinalIgnoreCase)
                ? result with { ConsentChanges = [Unsubscribed(request, account, fields, phone)] }
                : result;
        }

        throw new ArgumentException("The body is neither SMS.to's opt-out callback (\"unsubscribed_number\") nor its status callback (\"status\", \"phone\").");
    }

    private static ProviderConsentChange OptOutCallback(InboundWebhookRequest request, AccountId account, Dictionary<string, string> fields, string unsubscribed)
    {
        var number = ProviderNumbers.Require(unsubscribed, "unsubscribed_number");
        var sourceText = fields.GetValueOrDefault("source") ?? string.Empty;
        var timestamp = fields.GetValueOrDefault("timestamp") ?? string.Empty;
        var source = sourceText.Trim() switch
        {
            "Optout Link" => OptOutSource.OptOutLink,
            "TollFree number" => OptOutSource.Keyword,
            _ => OptOutSource.ProviderError,
        };
        return new ProviderConsentChange(ConsentKind.OptOut, new ConsentRequest(account, number, source)
        {
            OccurredAt = Instant(timestamp) ?? request.ReceivedAt,
            // SMS.to retries a callback an hour later: the same number and timestamp is the same opt-out.
            IdempotencyKey = $"smsto:optout:{number}:{Truncate(timestamp)}",
            Evidence = new ConsentEvidence
            {
                ProviderName = SmsToProvider.ProviderName,
                Note = $"SMS.to opt-out callback: source '{Truncate(sourceText)}', timestamp '{Truncate(timestamp)}'",
            },
        });
    }

    private static ProviderConsentChange Unsubscribed(InboundWebhookRequest request, AccountId account, Dictionary<string, string> fields, string phone) =>
        ProviderConsentChange.OptedOutAtProvider(account, ProviderNumbers.Require(phone, "phone"), SmsToProvider.ProviderName, "UNSUBSCRIBED",
            fields.GetValueOrDefault("messageId") ?? fields.GetValueOrDefault("message_id"), request.ReceivedAt,
            "SMS.to status callback: the recipient has opted out at SMS.to");

    /// <summary>The fields of a form or of a flat JSON object.</summary>
    private static Dictionary<string, string> Fields(InboundWebhookRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasMediaType("application/json"))
        {
            using var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The JSON body must be an object.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    fields.TryAdd(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
                }
            }
        }
        else
        {
            foreach (var (key, value) in request.ReadForm())
            {
                fields.TryAdd(key, value);
            }
        }

        return fields;
    }

    /// <summary>A Unix time in seconds, or a date and time (UTC when it names no zone).</summary>
    private static DateTimeOffset? Instant(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64];
}
