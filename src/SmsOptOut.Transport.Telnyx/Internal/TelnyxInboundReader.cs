using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Telnyx's messaging webhooks (https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks): a JSON event
/// <c>{"data":{"event_type","id","payload":{…}}}</c>. <c>message.received</c> is a message to one of the account's
/// numbers (<c>payload.from.phone_number</c>, <c>payload.to[0].phone_number</c>, <c>payload.text</c>);
/// <c>message.finalized</c> whose <c>payload.errors</c> hold 40300 says a recipient's STOP blocked the message. The
/// Ed25519 signature over the timestamp and the raw body is checked first, and a signature seen before is a replay.
/// </summary>
internal sealed class TelnyxInboundReader(ProviderAccountOptions<TelnyxOptions> options, IWebhookReplayGuard replayGuard, TimeProvider time)
    : SignedWebhookReader<TelnyxOptions>(options, replayGuard)
{
    private static readonly string[] From = ["data", "payload", "from", "phone_number"];
    private static readonly string[] To = ["data", "payload", "to", "0", "phone_number"];

    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request)
    {
        // The account's own address: a received message's 'to', a sent message's 'from'.
        using var document = JsonDocument.Parse(request.Body);
        var address = ProviderJson.Find(document.RootElement, "data", "event_type") == "message.received"
            ? ProviderJson.Find(document.RootElement, To)
            : ProviderJson.Find(document.RootElement, From);
        return ProviderNumbers.FindSender(address, request.DefaultRegion);
    }

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, TelnyxOptions credentials, CancellationToken cancellationToken)
    {
        if (!request.HasMediaType("application/json"))
        {
            return ValueTask.FromResult<InboundWebhookResult?>(InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType, "Expected Telnyx's JSON webhook."));
        }

        if (credentials.PublicKey is not { Length: > 0 } key)
        {
            return ValueTask.FromResult<InboundWebhookResult?>(Unauthorized("Telnyx webhooks are refused until TelnyxOptions.PublicKey is set."));
        }

        var problem = TelnyxSignature.Check(key, request.Header(TelnyxSignature.SignatureHeader), request.Header(TelnyxSignature.TimestampHeader),
            request.Body.Span, time.GetUtcNow(), credentials.SignatureTolerance);
        return ValueTask.FromResult(problem is null ? null : Unauthorized(problem));
    }

    protected override (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, TelnyxOptions options) =>
        (request.Header(TelnyxSignature.SignatureHeader)!, request.ReceivedAt + (2 * options.SignatureTolerance));

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        var result = InboundWebhookResult.Accepted(account);
        var id = ProviderJson.Find(root, "data", "payload", "id");
        switch (ProviderJson.Require(root, "data", "event_type"))
        {
            case "message.received":
                var text = ProviderJson.Find(root, "data", "payload", "text") ?? string.Empty;
                return result with
                {
                    Messages =
                    [
                        new InboundSms(account, Number(root, From, request.DefaultRegion), ProviderNumbers.RequireSender(ProviderJson.Require(root, To), ProviderJson.Describe(To), request.DefaultRegion),
                            text, request.ReceivedAt) { ProviderMessageId = id, ProviderName = TelnyxProvider.ProviderName },
                    ],
                };
            case "message.finalized" when IsBlockedByStop(root):
                return result with
                {
                    ConsentChanges =
                    [
                        ProviderConsentChange.OptedOutAtProvider(account, Number(root, To, request.DefaultRegion), TelnyxProvider.ProviderName, TelnyxProvider.BlockedByStop, id,
                            request.ReceivedAt, "Telnyx message.finalized: blocked due to the recipient's STOP (40300)"),
                    ],
                };
            default:
                return result;
        }
    }

    private static bool IsBlockedByStop(JsonElement root) =>
        root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
        && errors.EnumerateArray().Any(e => ProviderJson.Find(e, "code") == TelnyxProvider.BlockedByStop);

    private static PhoneNumber Number(JsonElement root, string[] path, string? region) => ProviderNumbers.Require(ProviderJson.Require(root, path), ProviderJson.Describe(path), region);
}
