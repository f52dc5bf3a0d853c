using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Privacy.Internal;

/// <summary>
/// The access report (GDPR Art. 15) as one JSON document, written as it is read: the events stream from the store and
/// the writer flushes every few kilobytes, so a long history never sits in memory whole.
/// </summary>
internal static class AccessReportWriter
{
    private const int FlushEvery = 16 * 1024;

    public static async Task WriteAsync(Stream destination, AccountId account, PhoneNumber number, DateTimeOffset generatedAt, IReadOnlyList<SuppressedNumber> suppressions,
        IAsyncEnumerable<ConsentEvent> events, IReadOnlyList<OutboxMessage> webhooks, IReadOnlyList<StoredLinkToken> tokens, OptIn.OptInRecord? optIn, AccessCertificates certificates, CancellationToken cancellationToken)
    {
        var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        await using (json.ConfigureAwait(false))
        {
            await WriteDocumentAsync(json, account, number, generatedAt, suppressions, events, webhooks, tokens, optIn, certificates, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteDocumentAsync(Utf8JsonWriter json, AccountId account, PhoneNumber number, DateTimeOffset generatedAt,
        IReadOnlyList<SuppressedNumber> suppressions, IAsyncEnumerable<ConsentEvent> events, IReadOnlyList<OutboxMessage> webhooks,
        IReadOnlyList<StoredLinkToken> tokens, OptIn.OptInRecord? optIn, AccessCertificates certificates, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("account", account.Value);
        json.WriteString("number", number.ToString());
        json.WriteString("generated_at", generatedAt.UtcDateTime);

        json.WriteStartArray("suppressions");
        foreach (var s in suppressions)
        {
            json.WriteStartObject();
            json.WriteString("scope", s.List is null ? "account" : "list");
            WriteNullable(json, "list", s.List?.Value);
            json.WriteString("since", s.Since.UtcDateTime);
            json.WriteString("source", s.Source.ToString());
            json.WriteString("event_id", s.EventId);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        var eventIds = new List<string>();
        json.WriteStartArray("events");
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("event_id", e.EventId);
            eventIds.Add(e.EventId);
            json.WriteString("kind", e.Kind.ToString());
            json.WriteString("source", e.Source.ToString());
            json.WriteString("scope", e.Scope.ToString());
            WriteNullable(json, "list", e.List?.Value);
            WriteNullable(json, "campaign", e.Campaign?.Value);
            json.WriteString("occurred_at", e.OccurredAt.UtcDateTime);
            json.WriteString("recorded_at", e.RecordedAt.UtcDateTime);
            WriteEvidence(json, "evidence", e.Evidence);
            json.WriteEndObject();
            if (json.BytesPending > FlushEvery)
            {
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        await WriteCertificatesAsync(json, account, eventIds, certificates, cancellationToken).ConfigureAwait(false);

        json.WriteStartArray("webhooks");
        foreach (var m in webhooks)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            WriteNullable(json, "target", m.Target);
            json.WriteString("state", m.State.ToString());
            json.WriteNumber("attempts", m.Attempts);
            json.WriteString("created_at", m.CreatedAt.UtcDateTime);
            json.WriteString("payload", m.Payload);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("tokens");
        foreach (var t in tokens)
        {
            json.WriteStartObject();
            json.WriteString("token", t.Token);
            json.WriteString("list", t.Target.List.Value);
            WriteNullable(json, "campaign", t.Target.Campaign?.Value);
            json.WriteString("expires_at", t.ExpiresAt.UtcDateTime);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteOptIn(json, optIn);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The consent certificates of the events (docs/evidence.md): each one whole, verifiable offline with the public keys
    /// listed beside them; an event without one says why, and so does a report whose storage or options give none.
    /// </summary>
    private static async Task WriteCertificatesAsync(Utf8JsonWriter json, AccountId account, List<string> eventIds, AccessCertificates certificates,
        CancellationToken cancellationToken)
    {
        json.WriteStartObject("consent_certificates");
        WriteNullable(json, "unavailable", certificates.Unavailable);
        var keys = certificates.PublicKeys.OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        json.WriteStartObject("public_keys");
        foreach (var (id, key) in keys)
        {
            json.WriteString(id, Convert.ToBase64String(key));
        }

        json.WriteEndObject();
        WriteNullable(json, "how_to_verify", certificates.Unavailable is not null ? null
            : "Save an item's certificate as certificate.json and run: smsoptout verify certificate.json "
              + string.Join(' ', keys.Select(k => $"--public-key {k.Key}={Convert.ToBase64String(k.Value)}"))
              + " (or follow docs/evidence.md, Certificates: rebuild the leaf, walk the inclusion proof, check the checkpoint's Ed25519 signature).");
        json.WriteStartArray("items");
        if (certificates.Unavailable is null)
        {
            foreach (var eventId in eventIds)
            {
                var (certificate, unavailable) = await certificates.CreateAsync(account, eventId, cancellationToken).ConfigureAwait(false);
                json.WriteStartObject();
                json.WriteString("event_id", eventId);
                if (certificate is not null)
                {
                    json.WritePropertyName("certificate");
                    using var document = JsonDocument.Parse(certificate);
                    document.RootElement.WriteTo(json);
                }
                else
                {
                    json.WriteString("unavailable", unavailable);
                }

                json.WriteEndObject();
                if (json.BytesPending > FlushEvery)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptIn(Utf8JsonWriter json, OptIn.OptInRecord? optIn)
    {
        if (optIn is null)
        {
            json.WriteNull("opt_in");
            return;
        }

        json.WriteStartObject("opt_in");
        json.WriteString("level", optIn.Level.ToString());
        WriteNullable(json, "level_at", optIn.LevelAt?.UtcDateTime.ToString("O"));
        json.WriteString("basis", optIn.Basis.ToString());
        WriteNullable(json, "consent_expires_at", optIn.ConsentExpiresAt?.UtcDateTime.ToString("O"));
        WriteEvidence(json, "evidence", optIn.Evidence);
        if (optIn.Request is { } request)
        {
            json.WriteStartObject("request");
            json.WriteString("requested_at", request.RequestedAt.UtcDateTime);
            json.WriteString("expires_at", request.ExpiresAt.UtcDateTime);
            WriteEvidence(json, "evidence", request.Evidence);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("request");
        }

        json.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter json, string name, ConsentEvidence evidence)
    {
        json.WritePropertyName(name);
        if (ConsentEvidenceJson.Serialize(evidence) is { } serialized)
        {
            json.WriteRawValue(serialized, skipInputValidation: true);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
