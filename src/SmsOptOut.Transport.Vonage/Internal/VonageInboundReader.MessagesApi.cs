using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// The Messages API's inbound SMS, v1 (the official SDKs' model, vonage-java-sdk <c>InboundMessage</c>):
/// <c>{"channel":"sms","message_uuid":…,"to":"447700900000","from":"447700900001","timestamp":…,"message_type":"text","text":…}</c>,
/// numbers as digit strings. The older v0.1 shape — <c>to</c> and <c>from</c> as <c>{"type":"sms","number":"…"}</c>, the
/// text in <c>message.content.text</c> — is read too. Another channel (WhatsApp, RCS, …) and status webhooks
/// (<c>status</c>) are accepted and record nothing.
/// </summary>
internal sealed partial class VonageInboundReader
{
    private const string SmsChannel = "sms";

    private async ValueTask<InboundWebhookResult?> VerifyMessagesApiAsync(InboundWebhookRequest request, string secret, TimeSpan tolerance)
    {
        if (VonageMessagesJwt.BearerToken(request.Header("Authorization")) is not { } token)
        {
            // Vonage signs every Messages API webhook; "in the rare case of an internal error" it may send one unsigned.
            // Vonage: "in the rare case of an internal error, it is possible that the callback service will send an unsigned
            // callback. By returning an HTTP 5xx response, a retry will be triggered." Nothing unsigned is read.
            return InboundWebhookResult.Refused(InboundWebhookStatus.RetryLater,
                "A Vonage Messages API webhook without its Authorization: Bearer JWT is not read; answered 503 so Vonage resends it signed.");
        }

        var check = await VonageMessagesJwt.VerifyAsync(token, request.Body, secret, time.GetUtcNow(), tolerance).ConfigureAwait(false);
        return check.Refusal is { } refusal ? Unauthorized(refusal) : null;
    }

    private static (string Value, DateTimeOffset Until)? MessagesApiOneTimeValue(InboundWebhookRequest request, TimeSpan tolerance)
    {
        if (VonageMessagesJwt.BearerToken(request.Header("Authorization")) is not { } token || !IsInboundSms(request))
        {
            return null;
        }

        // Verified already: only its claims are read here.
        var jwt = new JsonWebToken(token);
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(jwt.TryGetPayloadValue<long>("iat", out var iat) ? Math.Clamp(iat, -62135596800L, 253402300799L) : 0);
        return ("jwt:" + (string.IsNullOrEmpty(jwt.Id) ? jwt.EncodedSignature : jwt.Id), VonageWebhookWindow.RememberUntil(signedAt, tolerance));
    }

    private static InboundWebhookResult ReadMessagesApi(InboundWebhookRequest request, AccountId account)
    {
        var result = InboundWebhookResult.Accepted(account);
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement
            : throw new JsonException("Vonage's Messages API webhook must be a JSON object.");
        if (!IsInboundSms(root))
        {
            return result;
        }

        var message = new InboundSms(account,
            ProviderNumbers.Require(Address(root, "from", out var fromField), fromField, request.DefaultRegion),
            ProviderNumbers.RequireSender(Address(root, "to", out var toField), toField, request.DefaultRegion),
            Text(root) ?? string.Empty, request.ReceivedAt)
        {
            ProviderMessageId = Scalar(root, "message_uuid"), ProviderName = VonageProvider.ProviderName,
        };
        return result with { Messages = [message] };
    }

    private static SenderAddress? MessagesApiRecipient(InboundWebhookRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.ValueKind == JsonValueKind.Object ? ProviderNumbers.FindSender(Address(document.RootElement, "to", out _), request.DefaultRegion) : null;
    }

    /// <summary>Whether the body is a JSON object with the Messages API's <c>channel</c> or <c>message_uuid</c>.</summary>
    private static bool IsMessagesApiBody(InboundWebhookRequest request)
    {
        if (!request.HasMediaType("application/json"))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("channel", out _) || document.RootElement.TryGetProperty("message_uuid", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsInboundSms(InboundWebhookRequest request)
    {
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            return IsInboundSms(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An inbound message (no <c>status</c>) on the SMS channel: v1's <c>channel</c>, or v0.1's <c>from.type</c>.</summary>
    private static bool IsInboundSms(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && !root.TryGetProperty("status", out _)
        && (Scalar(root, "channel") ?? (root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object ? Scalar(from, "type") : null) ?? SmsChannel) == SmsChannel;

    /// <summary><c>to</c> or <c>from</c>: v1's digit string, or v0.1's object's <c>number</c> (then the field is named <c>to.number</c>).</summary>
    private static string? Address(JsonElement root, string name, out string field)
    {
        field = name;
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            field = name + ".number";
            return Scalar(value, "number");
        }

        return Scalar(value);
    }

    /// <summary>v1's <c>text</c>, or v0.1's <c>message.content.text</c>.</summary>
    private static string? Text(JsonElement root) =>
        Scalar(root, "text")
        ?? (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object ? Scalar(content, "text") : null);

    private static string? Scalar(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
