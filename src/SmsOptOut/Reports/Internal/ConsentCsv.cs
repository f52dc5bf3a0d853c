using System.Globalization;
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
            e.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            fullNumbers ? e.Number.ToString() : e.Number.ToMaskedString(),
            e.Kind == ConsentKind.OptOut ? "opt-out" : "opt-in",
            ReportText.Source(e.Source),
            e.Scope == SuppressionScope.List ? "list" : "account",
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
