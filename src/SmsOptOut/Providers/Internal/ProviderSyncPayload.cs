using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Providers.Internal;

/// <summary>The outbox payload of a consent change owed to a provider: <c>{"kind":"opt_out","number":"+1…"}</c>.</summary>
internal static class ProviderSyncPayload
{
    public const string TargetPrefix = "provider:";

    public static string Target(string provider) => TargetPrefix + provider;

    public static string? Provider(string? target) =>
        target is not null && target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;

    public static string Write(ConsentEvent consentEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", consentEvent.Kind == ConsentKind.OptOut ? "opt_out" : "opt_in");
            writer.WriteString("number", consentEvent.Number.ToString());
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static ProviderConsentPush Read(Webhooks.OutboxMessage message)
    {
        using var document = JsonDocument.Parse(message.Payload);
        var root = document.RootElement;
        var kind = root.GetProperty("kind").GetString() == "opt_in" ? ConsentKind.OptIn : ConsentKind.OptOut;
        return new ProviderConsentPush(message.Account, PhoneNumber.Parse(root.GetProperty("number").GetString() ?? string.Empty), kind, message.EventId);
    }
}
