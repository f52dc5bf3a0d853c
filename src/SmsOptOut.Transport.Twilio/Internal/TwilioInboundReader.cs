using System.Security.Cryptography;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>
/// Twilio's webhooks (https://www.twilio.com/docs/messaging/guides/webhook-request): inbound messages, and status
/// callbacks whose error 21610 says the recipient opted out with the carrier. The <c>X-Twilio-Signature</c> is checked
/// over the URL (with or without its default port) and the form fields — or, for a GET, the URL alone, whose query holds
/// the fields; for JSON, the URL and its <c>bodySHA256</c> — before anything is read, with the auth token (HMAC-SHA1) or,
/// when <c>X-Twilio-Webhooks-Signature-Settings</c> names one, a Webhook Rule's SharedKey and its algorithm. A message Twilio's
/// Advanced Opt-Out classified carries <c>OptOutType</c> (STOP, START, HELP), read into <c>InboundSms.ProviderClassification</c>.
/// </summary>
internal sealed class TwilioInboundReader(ProviderAccountOptions<TwilioOptions> options) : SignedWebhookReader<TwilioOptions>(options)
{
    private const string OptedOutError = "21610";

    public override bool RepliesInResponse => Options.Static.ReplyWithTwiml;

    public override InboundWebhookResponse Respond(InboundWebhookResult result, string? reply) =>
        new(200, "text/xml; charset=utf-8", TwilioInbound.TwimlResponse(reply));

    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request)
    {
        // The account's own address: a message's 'To', a status callback's 'From'.
        var fields = Fields(request);
        var side = IsStatusCallback(fields) ? "From" : "To";
        return ProviderNumbers.FindSender(fields.GetValueOrDefault(side), request.DefaultRegion, fields.GetValueOrDefault(side + "Country"));
    }

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, TwilioOptions credentials, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(request, credentials));

    /// <summary>
    /// Without <c>X-Twilio-Webhooks-Signature-Settings</c>: the auth token and HMAC-SHA1. With it: the secret of the SharedKey it
    /// names (<see cref="TwilioOptions.WebhookSharedKeys"/>) and its algorithm — an unknown key, a missing key or an unsupported
    /// algorithm is refused, never checked against the auth token instead.
    /// </summary>
    private static InboundWebhookResult? Verify(InboundWebhookRequest request, TwilioOptions credentials)
    {
        var key = credentials.AuthToken;
        var algorithm = HashAlgorithmName.SHA1;
        var scheme = "the auth token (HMAC-SHA1)";
        if (request.Header(TwilioRequestValidator.SignatureSettingsHeader) is { } header && !string.IsNullOrWhiteSpace(header))
        {
            var settings = TwilioSignatureSettings.Parse(header);
            if (settings.Problem is { } problem)
            {
                return Unauthorized(problem);
            }

            if (!credentials.WebhookSharedKeys.TryGetValue(settings.KeyId!, out var secret) || string.IsNullOrEmpty(secret))
            {
                return Unauthorized($"{TwilioRequestValidator.SignatureSettingsHeader} names the SharedKey '{TwilioSignatureSettings.Shown(settings.KeyId!)}', " +
                    "which TwilioOptions.WebhookSharedKeys does not hold: add its id and secret to verify requests Twilio signs with it.");
            }

            (key, algorithm) = (secret, settings.Algorithm);
            scheme = $"the SharedKey '{TwilioSignatureSettings.Shown(settings.KeyId!)}' ({(algorithm == HashAlgorithmName.SHA256 ? "HMAC_SHA256" : "HMAC_SHA1")})";
        }

        var signature = request.Header(TwilioRequestValidator.SignatureHeader);
        var url = request.Url.OriginalString;
        var valid = request.Method switch
        {
            "GET" => TwilioRequestValidator.IsValid(url, [], signature, key, algorithm),
            _ when request.HasMediaType("application/json") => TwilioRequestValidator.IsValidJson(url, request.Body.Span, signature, key, algorithm),
            _ when request.HasMediaType("application/x-www-form-urlencoded") => TwilioRequestValidator.IsValid(url, request.ReadForm(), signature, key, algorithm),
            _ => (bool?)null,
        };
        return valid switch
        {
            null => InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType, "Expected Twilio's form-encoded (application/x-www-form-urlencoded) webhook."),
            false => Unauthorized($"Missing or invalid X-Twilio-Signature for {scheme}."),
            _ => null,
        };
    }

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        var fields = Fields(request);
        var result = InboundWebhookResult.Accepted(account);
        if (!IsStatusCallback(fields))
        {
            return result with { Messages = [TwilioInbound.ToInboundSms(account, fields, request.ReceivedAt, request.DefaultRegion)] };
        }

        if (fields.GetValueOrDefault("ErrorCode") != OptedOutError || ProviderNumbers.Find(fields.GetValueOrDefault("To"), request.DefaultRegion) is not { } recipient)
        {
            return result;
        }

        var sid = fields.GetValueOrDefault("MessageSid") ?? fields.GetValueOrDefault("SmsSid");
        return result with
        {
            ConsentChanges =
            [
                ProviderConsentChange.OptedOutAtProvider(account, recipient, TwilioInbound.ProviderName, OptedOutError, sid, request.ReceivedAt,
                    "Twilio status callback: the recipient opted out with the carrier (error 21610)"),
            ],
        };
    }

    /// <summary>The fields: the form of a POST, the query of a GET (Twilio's legacy GET webhooks), the top level of a JSON body.</summary>
    private static Dictionary<string, string> Fields(InboundWebhookRequest request)
    {
        var pairs = request.Method == "GET" ? request.ReadQuery()
            : request.HasMediaType("application/json") ? JsonFields(request)
            : request.ReadForm();
        return pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    private static List<KeyValuePair<string, string>> JsonFields(InboundWebhookRequest request)
    {
        using var document = System.Text.Json.JsonDocument.Parse(request.Body);
        return [.. document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number)
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }

    private static bool IsStatusCallback(Dictionary<string, string> fields) =>
        fields.ContainsKey("MessageStatus") || (fields.ContainsKey("SmsStatus") && !fields.ContainsKey("Body"));
}
