using System.Buffers;
using System.Text;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Reports.Internal;

/// <summary>Streams consent events from the store to CSV or JSON Lines; memory stays flat whatever the count.</summary>
internal sealed class ConsentExporter(ISuppressionStore store) : IConsentExporter
{
    private const int FlushAt = 16 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<long> WriteCsvAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new StreamWriter(destination, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(ConsentCsv.Header + "\r\n").ConfigureAwait(false);
            var count = 0L;
            await foreach (var e in store.GetEventsAsync(account, recordedAfter, recordedUntil, cancellationToken).ConfigureAwait(false))
            {
                await ConsentCsv.WriteRowAsync(writer, e, fullNumbers: true).ConfigureAwait(false);
                count++;
            }

            return count;
        }
    }

    public async Task<long> WriteJsonLinesAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        await using (json.ConfigureAwait(false))
        {
            var count = 0L;
            await foreach (var e in store.GetEventsAsync(account, recordedAfter, recordedUntil, cancellationToken).ConfigureAwait(false))
            {
                Write(json, e);
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
                count++;
                if (buffer.WrittenCount >= FlushAt)
                {
                    await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }

            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    private static void Write(Utf8JsonWriter json, ConsentEvent e)
    {
        json.WriteStartObject();
        json.WriteString("event_id", e.EventId);
        json.WriteString("recorded_at", ReportText.Instant(e.RecordedAt));
        json.WriteString("occurred_at", ReportText.Instant(e.OccurredAt));
        json.WriteString("number", e.Number.ToString());
        json.WriteString("kind", ReportText.Kind(e.Kind));
        json.WriteString("source", ReportText.Source(e.Source));
        json.WriteString("scope", ReportText.Scope(e.Scope));
        WriteOptional(json, "list", e.List?.Value);
        WriteOptional(json, "campaign", e.Campaign?.Value);
        if (ConsentEvidenceJson.Serialize(e.Evidence) is { } evidence)
        {
            json.WritePropertyName("evidence");
            json.WriteRawValue(evidence, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
