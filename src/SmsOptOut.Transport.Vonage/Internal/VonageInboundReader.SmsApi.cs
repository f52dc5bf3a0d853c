using System.Globalization;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// The SMS API's webhooks (https://developer.vonage.com/en/api/sms#inbound-sms): an inbound message (<c>msisdn</c> the
/// sender, <c>to</c> the account's number or short code, <c>text</c>, <c>messageId</c>) or a delivery receipt
/// (<c>msisdn</c> the recipient, <c>status</c>, <c>err-code</c>; 9 means the recipient opted out). Signed ones add
/// <c>timestamp</c>, <c>nonce</c> and <c>sig</c>.
/// </summary>
internal sealed partial class VonageInboundReader
{
    private InboundWebhookResult? VerifySmsApi(InboundWebhookRequest request, string secret, VonageSignatureMethod method, TimeSpan tolerance)
    {
        Dictionary<string, string> fields;
        try
        {
            fields = SmsApiFields(request);
        }
        catch (JsonException)
        {
            return Unauthorized($"Missing or invalid {VonageSignature.SignatureField}.");
        }

        if (!VonageSignature.IsValid(fields, secret, method))
        {
            return Unauthorized($"Missing or invalid {VonageSignature.SignatureField} (VonageOptions.SignatureMethod is {method}: the dashboard's method must match).");
        }

        return SignedAt(fields) is not { } signedAt
            ? Unauthorized("The signed timestamp is missing.")
            : VonageWebhookWindow.Contains(signedAt, time.GetUtcNow(), tolerance) is { } refusal ? Unauthorized("The signed timestamp " + refusal)
            : null;
    }

    private static (string Value, DateTimeOffset Until)? SmsApiOneTimeValue(InboundWebhookRequest request, TimeSpan tolerance)
    {
        var fields = SmsApiFields(request);
        return CarriesConsent(fields) && SignedAt(fields) is { } signedAt
            ? ("sig:" + (fields.GetValueOrDefault("nonce") ?? fields[VonageSignature.SignatureField]), VonageWebhookWindow.RememberUntil(signedAt, tolerance))
            : null;
    }

    private static InboundWebhookResult ReadSmsApi(InboundWebhookRequest request, AccountId account)
    {
        var fields = SmsApiFields(request);
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

        if (!IsOptOutReceipt(fields))
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

    /// <summary>Whether the webhook records anything: an inbound message, or a receipt saying the recipient opted out. Other receipts change nothing, replayed or not.</summary>
    private static bool CarriesConsent(Dictionary<string, string> fields) => !fields.ContainsKey("status") || IsOptOutReceipt(fields);

    private static bool IsOptOutReceipt(Dictionary<string, string> fields) =>
        fields.GetValueOrDefault("err-code") == VonageProvider.OptedOutReceipt && fields.GetValueOrDefault("status") is "failed" or "rejected";

    private static DateTimeOffset? SignedAt(Dictionary<string, string> fields) =>
        long.TryParse(fields.GetValueOrDefault("timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799L
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The parameters: a GET's query, a form, or a flat JSON object's text and number values; the first of a repeated one.</summary>
    private static Dictionary<string, string> SmsApiFields(InboundWebhookRequest request)
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
