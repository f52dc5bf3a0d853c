using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// SMS.to's three callbacks, told apart by their fields (a body with none of them is refused with 400):
/// <list type="bullet">
/// <item>the <b>inbound message</b> to a rented two-way number (https://support.sms.to/support/solutions/articles/43000615089):
/// <c>from</c>, <c>to</c>, <c>parts</c>, <c>message</c>, <c>receivedDate</c>, form-encoded — read into an
/// <see cref="InboundSms"/> for the keyword flow. It has no message id, so one is derived from its sender, recipient, date
/// and text: SMS.to's hourly retry of the same message is a duplicate;</item>
/// <item>the <b>opt-out callback</b> ("Default Optout Callback URL",
/// https://support.sms.to/support/solutions/articles/43000615117): <c>unsubscribed_number</c>, <c>timestamp</c>,
/// <c>source</c> ("TollFree number" or "Optout Link"), form-encoded — the article shows it as JSON, so both are read;</item>
/// <item>the <b>status callback</b> (<c>callback_url</c> of a send, https://support.sms.to/support/solutions/articles/43000615065):
/// <c>trackingId</c>, <c>messageId</c>, <c>phone</c>, <c>status</c>, <c>parts</c>, <c>price</c>; <c>UNSUBSCRIBED</c> means
/// the recipient had opted out at SMS.to.</item>
/// </list>
/// Each is verified first: with <see cref="SmsToOptions.WebhookSigningSecrets"/>, by <c>X-SMSTo-Signature</c> (see
/// <see cref="SmsToSignature"/>; a signature seen before is a replay) — or, with
/// <see cref="SmsToOptions.AcceptUrlSecretWithoutSignature"/>, an unsigned callback by the URL's <c>?secret=</c>; without
/// signing secrets, by the URL's <c>?secret=</c> alone, compared in constant time.
/// </summary>
internal sealed class SmsToInboundReader(ProviderAccountOptions<SmsToOptions> options, IWebhookReplayGuard replayGuard, TimeProvider time)
    : SignedWebhookReader<SmsToOptions>(options, replayGuard)
{
    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request)
    {
        // Only an inbound message names the account's own number ('to'); SMS.to's other callbacks name the person alone.
        var fields = Fields(request);
        return Kind(fields) == Callback.InboundMessage ? ProviderNumbers.FindSender(fields.GetValueOrDefault("to"), request.DefaultRegion) : null;
    }

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, SmsToOptions credentials, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(request, credentials));

    protected override (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, SmsToOptions options) =>
        IsSigned(request, options) && SmsToSignature.Parse(request.Header(SmsToSignature.Header)) is { } signed
            ? (Convert.ToHexStringLower(signed.Signature), DateTimeOffset.FromUnixTimeSeconds(signed.Timestamp) + options.WebhookSignatureTolerance + SmsToSignature.ClockSkew)
            : null;

    private InboundWebhookResult? Verify(InboundWebhookRequest request, SmsToOptions credentials)
    {
        if (!request.HasMediaType("application/x-www-form-urlencoded") && !request.HasMediaType("application/json"))
        {
            return InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType, "Expected SMS.to's form-encoded (or JSON) callback.");
        }

        if (IsSigned(request, credentials))
        {
            return SmsToSignature.Check(request.Header(SmsToSignature.Header), request.Body.Span, credentials.WebhookSigningSecrets, time.GetUtcNow(),
                credentials.WebhookSignatureTolerance) is { } problem ? Unauthorized(problem) : null;
        }

        if (credentials.WebhookSigningSecrets.Count > 0 && !credentials.AcceptUrlSecretWithoutSignature)
        {
            return Unauthorized($"Missing {SmsToSignature.Header}: with SmsToOptions.WebhookSigningSecrets set, every SMS.to callback must be signed.");
        }

        if (credentials.CallbackSecret is not { Length: > 0 } secret)
        {
            return Unauthorized("SMS.to callbacks are refused until SmsToOptions.WebhookSigningSecrets or SmsToOptions.CallbackSecret is set.");
        }

        var presented = request.ReadQuery().Where(p => p.Key == "secret").Select(p => p.Value).FirstOrDefault() ?? string.Empty;
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));
        return valid ? null : Unauthorized("Missing or wrong secret in the callback URL.");
    }

    /// <summary>Whether the signature decides: signing secrets are set and the request carries the header (a header present must verify).</summary>
    private static bool IsSigned(InboundWebhookRequest request, SmsToOptions options) =>
        options.WebhookSigningSecrets.Count > 0 && request.Header(SmsToSignature.Header) is not null;

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        var fields = Fields(request);
        var result = InboundWebhookResult.Accepted(account);
        switch (Kind(fields))
        {
            case Callback.OptOut:
                return result with { ConsentChanges = [OptOutCallback(request, account, fields, fields["unsubscribed_number"])] };
            case Callback.InboundMessage:
                return result with { Messages = [InboundMessage(request, account, fields)] };
            case Callback.Status when (fields.GetValueOrDefault("phone") ?? fields.GetValueOrDefault("to")) is { } phone:
                return string.Equals(fields["status"], "UNSUBSCRIBED", StringComparison.OrdinalIgnoreCase)
                    ? result with { ConsentChanges = [Unsubscribed(request, account, fields, phone)] }
                    : result;
            default:
                throw new ArgumentException("The body is none of SMS.to's callbacks: an inbound message (\"from\", \"to\", \"message\"), " +
                    "an opt-out (\"unsubscribed_number\") or a status report (\"status\", \"phone\").");
        }
    }

    private enum Callback
    {
        None,
        InboundMessage,
        OptOut,
        Status,
    }

    /// <summary>Which callback the fields are: only the opt-out callback has <c>unsubscribed_number</c>, only an inbound message <c>from</c>, only a status report <c>status</c>.</summary>
    private static Callback Kind(Dictionary<string, string> fields) =>
        fields.ContainsKey("unsubscribed_number") ? Callback.OptOut
        : fields.ContainsKey("from") ? Callback.InboundMessage
        : fields.ContainsKey("status") ? Callback.Status
        : Callback.None;

    /// <summary>
    /// A message a person texted to the account's rented number. <c>receivedDate</c> is when SMS.to received it (our clock
    /// when absent, unreadable or later than ours). SMS.to sends no message id, so the id is derived from the sender, the
    /// recipient, <c>receivedDate</c> and the text: a retry is the same message, and a later STOP from the same person
    /// has another date. Without <c>receivedDate</c> no id is derived — the same text sent again later must count again —
    /// so a retry is processed again (an opt-out repeated changes nothing).
    /// </summary>
    private static InboundSms InboundMessage(InboundWebhookRequest request, AccountId account, Dictionary<string, string> fields)
    {
        var from = ProviderNumbers.Require(fields.GetValueOrDefault("from"), "from", request.DefaultRegion);
        var to = ProviderNumbers.RequireSender(fields.GetValueOrDefault("to"), "to", request.DefaultRegion);
        var text = fields.GetValueOrDefault("message") ?? string.Empty;
        var receivedDate = fields.GetValueOrDefault("receivedDate")?.Trim();
        return new InboundSms(account, from, to, text, Instant(receivedDate ?? string.Empty) is { } at && at <= request.ReceivedAt ? at : request.ReceivedAt)
        {
            ProviderName = SmsToProvider.ProviderName,
            ProviderMessageId = string.IsNullOrEmpty(receivedDate) ? null : DerivedId(from, to, receivedDate, text),
        };
    }

    /// <summary><c>derived:</c> and 32 hex characters of the SHA-256 of the four fields, each preceded by its length so no two messages run together.</summary>
    private static string DerivedId(PhoneNumber from, SenderAddress to, string receivedDate, string text)
    {
        var canonical = new StringBuilder();
        foreach (var part in new[] { from.ToString(), to.ToString(), receivedDate, text })
        {
            canonical.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return "derived:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
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

    /// <summary>
    /// SMS.to's <c>UNSUBSCRIBED</c> says it holds an opt-out, which may be one we pushed and whose later opt-in it has yet to
    /// apply ("actions may take up to 24 hours"): <see cref="ProviderConsentChange.MayEchoPush"/>.
    /// </summary>
    private static ProviderConsentChange Unsubscribed(InboundWebhookRequest request, AccountId account, Dictionary<string, string> fields, string phone) =>
        ProviderConsentChange.OptedOutAtProvider(account, ProviderNumbers.Require(phone, "phone"), SmsToProvider.ProviderName, "UNSUBSCRIBED",
            fields.GetValueOrDefault("messageId") ?? fields.GetValueOrDefault("message_id"), request.ReceivedAt,
            "SMS.to status callback: the recipient has opted out at SMS.to") with { MayEchoPush = true };

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
