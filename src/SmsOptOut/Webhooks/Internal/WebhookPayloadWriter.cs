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

    /// <summary>The media type of a stored payload: form-encoded ones are the only ones that do not start with <c>{</c>.</summary>
    public static string MediaType(string payload) => payload.StartsWith('{') ? "application/json" : "application/x-www-form-urlencoded";

    public static string Write(ConsentEvent consentEvent, WebhookOptions options) =>
        options.Format == WebhookPayloadFormat.FormEncoded ? WriteForm(consentEvent, options) :
        Write(options, consentEvent.Kind == ConsentKind.OptOut ? "optout.created" : "optin.created", consentEvent.RecordedAt, w =>
        {
            WriteCore(w, consentEvent.OccurredAt, consentEvent.Number.ToString(), SourceText(consentEvent.Source), consentEvent.Kind == ConsentKind.OptIn);
            foreach (var (name, value) in ScopeFields(consentEvent, options.IncludeDetails))
            {
                w.WriteString(name, value);
            }

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
        options.Format == WebhookPayloadFormat.FormEncoded
            ? Form([("timestamp", Timestamp(now)), ("unsubscribed_number", "+10000000000"), ("source", "Test"), ("test", "true")]) :
        Write(options, "optout.test", now, w =>
        {
            WriteCore(w, now, "+10000000000", "Test", optIn: false);
            w.WriteBoolean("test", true);
        });

    /// <summary>The legacy fields (and the details when asked for) form-encoded, in the legacy order.</summary>
    private static string WriteForm(ConsentEvent consentEvent, WebhookOptions options)
    {
        var fields = new List<(string, string)>
        {
            ("timestamp", Timestamp(consentEvent.OccurredAt)), ("unsubscribed_number", consentEvent.Number.ToString()), ("source", SourceText(consentEvent.Source)),
        };
        fields.AddRange(ScopeFields(consentEvent, options.IncludeDetails));
        if (options.IncludeDetails)
        {
            fields.Add(("account", consentEvent.Account.Value));
            fields.Add(("list", consentEvent.List?.Value ?? string.Empty));
            fields.Add(("campaign", consentEvent.Campaign?.Value ?? string.Empty));
            fields.Add(("event_id", consentEvent.EventId));
        }

        return Form(fields);
    }

    /// <summary>
    /// What the change reached, after the legacy fields: <c>scope</c> <c>list</c> with the <c>list</c> for a list-scoped
    /// change, <c>pause</c> with <c>paused_until</c> for a pause, <c>reverts</c> (the event id taken back) for an opt-in that ends a pause or undoes one opt-out,
    /// <c>account</c> for an account-wide change only with the details — so an account-wide opt-out's body stays
    /// byte-compatible with existing receivers, and no receiver takes a list's or a pause's webhook for a lasting
    /// opt-out of everything without being told.
    /// </summary>
    private static IEnumerable<(string Name, string Value)> ScopeFields(ConsentEvent consentEvent, bool details)
    {
        if (consentEvent.PausedUntil is { } until)
        {
            yield return ("scope", "pause");
            yield return ("paused_until", Timestamp(until));
        }
        else if (consentEvent.Reverts is { } reverted)
        {
            yield return ("scope", "account");
            yield return ("reverts", reverted);
        }
        else if (consentEvent.Scope == SuppressionScope.List)
        {
            yield return ("scope", "list");
            if (!details)
            {
                yield return ("list", consentEvent.List?.Value ?? string.Empty);
            }
        }
        else if (details)
        {
            yield return ("scope", "account");
        }
    }

    private static string Form(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(static f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)));

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
