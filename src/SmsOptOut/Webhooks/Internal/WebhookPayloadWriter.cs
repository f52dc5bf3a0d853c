using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// Renders webhook bodies. The legacy body is byte-compatible with the product SmsOptOut replaces:
/// <c>{"timestamp":"2026-11-27T06:14:08Z","unsubscribed_number":"+4917612345678","source":"Optout Link"}</c>.
/// </summary>
internal static class WebhookPayloadWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>source</c> text of each channel; the first two are fixed by existing receivers.</summary>
    public static string SourceText(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "Optout Link",
        OptOutSource.Keyword => "TollFree number",
        OptOutSource.Api => "API",
        OptOutSource.Import => "Import",
        OptOutSource.ProviderError => "Provider",
        _ => source.ToString(),
    };

    public static string Write(ConsentEvent consentEvent, WebhookOptions options) =>
        Write(options, consentEvent.Kind == ConsentKind.OptOut ? "optout.created" : "optin.created", consentEvent.RecordedAt, w =>
        {
            WriteCore(w, consentEvent.OccurredAt, consentEvent.Number.ToString(), SourceText(consentEvent.Source), consentEvent.Kind == ConsentKind.OptIn);
            if (options.IncludeDetails)
            {
                w.WriteString("account", consentEvent.Account.Value);
                WriteOptional(w, "list", consentEvent.List?.Value);
                WriteOptional(w, "campaign", consentEvent.Campaign?.Value);
                w.WriteString("event_id", consentEvent.EventId);
            }
        });

    /// <summary>A test event: the legacy fields with <c>source</c> "Test", a number that cannot exist, and <c>"test":true</c>.</summary>
    public static string WriteTest(DateTimeOffset now, WebhookOptions options) =>
        Write(options, "optout.test", now, w =>
        {
            WriteCore(w, now, "+10000000000", "Test", optIn: false);
            w.WriteBoolean("test", true);
        });

    private static string Write(WebhookOptions options, string type, DateTimeOffset envelopeTime, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (options.Format == WebhookPayloadFormat.StandardEnvelope)
            {
                writer.WriteString("type", type);
                writer.WriteString("timestamp", Timestamp(envelopeTime));
                writer.WriteStartObject("data");
                fields(writer);
                writer.WriteEndObject();
            }
            else
            {
                fields(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteCore(Utf8JsonWriter writer, DateTimeOffset at, string number, string source, bool optIn)
    {
        writer.WriteString("timestamp", Timestamp(at));
        writer.WriteString(optIn ? "subscribed_number" : "unsubscribed_number", number);
        writer.WriteString("source", source);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
