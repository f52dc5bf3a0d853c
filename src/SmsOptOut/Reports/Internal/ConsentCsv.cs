using SmsOptOut.Consent;

namespace SmsOptOut.Reports.Internal;

/// <summary>One consent event per CSV row (RFC 4180: fields with a comma, quote or line break are quoted).</summary>
internal static class ConsentCsv
{
    public const string Header = "recorded_at,occurred_at,number,kind,source,scope,list,campaign,event_id,message_text,link_token,ip_address,user_agent,provider,provider_message_id";

    public static async Task WriteRowAsync(TextWriter writer, ConsentEvent e, bool fullNumbers)
    {
        var evidence = e.Evidence;
        string?[] fields =
        [
            ReportText.Instant(e.RecordedAt),
            ReportText.Instant(e.OccurredAt),
            ReportText.Number(e.Number, fullNumbers),
            ReportText.Kind(e.Kind),
            ReportText.Source(e.Source),
            ReportText.Scope(e.Scope),
            e.List?.Value, e.Campaign?.Value, e.EventId, evidence.MessageText, evidence.LinkToken, evidence.IpAddress, evidence.UserAgent,
            evidence.ProviderName, evidence.ProviderMessageId,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',').ConfigureAwait(false);
            }

            await writer.WriteAsync(Escape(fields[i])).ConfigureAwait(false);
        }

        await writer.WriteAsync("\r\n").ConfigureAwait(false);
    }

    private static string Escape(string? field) =>
        field is null ? string.Empty
        : field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field
        : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
