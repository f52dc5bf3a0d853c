using System.Globalization;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// Vonage's SMS API webhooks, as GET query, POST form or POST JSON (the account's "HTTP method" setting): an inbound
/// message (https://developer.vonage.com/en/api/sms#inbound-sms: <c>msisdn</c> the sender, <c>to</c> the account's number,
/// <c>text</c>, <c>messageId</c>) or a delivery receipt (<c>msisdn</c> the recipient, <c>status</c>, <c>err-code</c>; 9
/// means the recipient opted out). Signed webhooks add <c>timestamp</c>, <c>nonce</c> and <c>sig</c>: the signature is
/// checked first, then the timestamp against the tolerance, and a nonce seen before is a replay.
/// </summary>
internal sealed class VonageInboundReader(ProviderAccountOptions<VonageOptions> options, IWebhookReplayGuard replayGuard, TimeProvider time)
    : SignedWebhookReader<VonageOptions>(options, replayGuard)
{
    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request) => ProviderNumbers.FindSender(Fields(request).GetValueOrDefault("to"), request.DefaultRegion);

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, VonageOptions credentials, CancellationToken cancellationToken)
    {
        if (request.Method != "GET" && !request.HasMediaType("application/x-www-form-urlencoded") && !request.HasMediaType("application/json"))
        {
            return Refuse(InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType, "Expected Vonage's webhook as a GET, a form or JSON."));
        }

        if (credentials.SignatureSecret is not { Length: > 0 } secret)
        {
            return Refuse(Unauthorized("Vonage webhooks are refused until VonageOptions.SignatureSecret is set (and signing is on in Vonage's dashboard)."));
        }

        Dictionary<string, string> fields;
        try
        {
            fields = Fields(request);
        }
        catch (JsonException)
        {
            return Refuse(Unauthorized($"Missing or invalid {VonageSignature.SignatureField}."));
        }

        if (!VonageSignature.IsValid(fields, secret, credentials.SignatureMethod))
        {
            return Refuse(Unauthorized($"Missing or invalid {VonageSignature.SignatureField}."));
        }

        if (!long.TryParse(fields.GetValueOrDefault("timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > credentials.SignatureTolerance.TotalSeconds)
        {
            return Refuse(Unauthorized($"The signed timestamp is missing or outside the tolerance of {credentials.SignatureTolerance.TotalSeconds:0} s."));
        }

        return ValueTask.FromResult<InboundWebhookResult?>(null);
    }

    protected override (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, VonageOptions options)
    {
        var fields = Fields(request);
        return (fields.GetValueOrDefault("nonce") ?? fields[VonageSignature.SignatureField], request.ReceivedAt + (2 * options.SignatureTolerance));
    }

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        var fields = Fields(request);
        var result = InboundWebhookResult.Accepted(account);
        if (!fields.TryGetValue("status", out var status))
        {
            var message = new InboundSms(account, ProviderNumbers.Require(fields.GetValueOrDefault("msisdn"), "msisdn", request.DefaultRegion),
                ProviderNumbers.RequireSender(fields.GetValueOrDefault("to"), "to", request.DefaultRegion), fields.GetValueOrDefault("text") ?? string.Empty, request.ReceivedAt)
            {
                ProviderMessageId = fields.GetValueOrDefault("messageId"), ProviderName = VonageProvider.ProviderName,
            };
            return result with { Messages = [message] };
        }

        if (fields.GetValueOrDefault("err-code") != VonageProvider.OptedOutReceipt || status is not ("failed" or "rejected"))
        {
            return result;
        }

        return result with
        {
            ConsentChanges =
            [
                ProviderConsentChange.OptedOutAtProvider(account, ProviderNumbers.Require(fields.GetValueOrDefault("msisdn"), "msisdn", request.DefaultRegion), VonageProvider.ProviderName,
                    VonageProvider.OptedOutReceipt, fields.GetValueOrDefault("messageId"), request.ReceivedAt,
                    "Vonage delivery receipt: the recipient asked not to receive messages from this sender (err-code 9)"),
            ],
        };
    }

    private static ValueTask<InboundWebhookResult?> Refuse(InboundWebhookResult refusal) => ValueTask.FromResult<InboundWebhookResult?>(refusal);

    /// <summary>The parameters: a GET's query, a form, or a flat JSON object's text and number values; the first of a repeated one.</summary>
    private static Dictionary<string, string> Fields(InboundWebhookRequest request)
    {
        IEnumerable<KeyValuePair<string, string>> pairs = request.Method == "GET" ? request.ReadQuery()
            : request.HasMediaType("application/json") ? JsonFields(request)
            : request.ReadForm();
        return pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    private static List<KeyValuePair<string, string>> JsonFields(InboundWebhookRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? throw new JsonException("The JSON body must be an object.")
            : [.. document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }
}
