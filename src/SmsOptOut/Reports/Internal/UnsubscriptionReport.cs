using System.Text;
using SmsOptOut.Consent;

namespace SmsOptOut.Reports.Internal;

/// <summary>
/// One account's report for one period, gathered while streaming the period's events: counts per kind and source,
/// the first entries for the bodies, and the whole period as CSV for the attachment.
/// </summary>
internal sealed class UnsubscriptionReport : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly MemoryStream _csv = new();
    private readonly StreamWriter _csvWriter;
    private readonly int _maxEntries;

    private UnsubscriptionReport(AccountId account, DateTimeOffset from, DateTimeOffset until, AccountReportSettings settings, int maxEntries)
    {
        Account = account;
        From = from;
        Until = until;
        Settings = settings;
        _maxEntries = maxEntries;
        _csvWriter = new StreamWriter(_csv, Utf8, leaveOpen: true);
    }

    public AccountId Account { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset Until { get; }

    public AccountReportSettings Settings { get; }

    public int OptOuts { get; private set; }

    public int OptIns { get; private set; }

    public int Total => OptOuts + OptIns;

    /// <summary>Counts per (kind, source name), for example ("opt-out", "reply") → 4.</summary>
    public SortedDictionary<(string Kind, string Source), int> Counts { get; } = [];

    /// <summary>The first entries, oldest first.</summary>
    public List<ConsentEvent> Entries { get; } = [];

    public static async Task<UnsubscriptionReport> BuildAsync(IAsyncEnumerable<ConsentEvent> events, AccountId account, DateTimeOffset from, DateTimeOffset until,
        AccountReportSettings settings, int maxEntries, CancellationToken cancellationToken)
    {
        var report = new UnsubscriptionReport(account, from, until, settings, maxEntries);
        await report._csvWriter.WriteAsync(ConsentCsv.Header + "\r\n").ConfigureAwait(false);
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await report.AddAsync(e).ConfigureAwait(false);
        }

        await report._csvWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    public void Dispose()
    {
        _csvWriter.Dispose();
        _csv.Dispose();
    }

    /// <summary>The period as CSV; valid until the report is disposed.</summary>
    public ReadOnlyMemory<byte> Csv() => _csv.GetBuffer().AsMemory(0, (int)_csv.Length);

    public string Number(ConsentEvent e) => ReportText.Number(e.Number, Settings.FullNumbers);

    private async Task AddAsync(ConsentEvent e)
    {
        if (e.Kind == ConsentKind.OptIn && !Settings.IncludeOptIns)
        {
            return;
        }

        if (e.Kind == ConsentKind.OptOut)
        {
            OptOuts++;
        }
        else
        {
            OptIns++;
        }

        var key = (ReportText.Kind(e.Kind), ReportText.Source(e.Source));
        Counts[key] = Counts.GetValueOrDefault(key) + 1;
        if (Entries.Count < _maxEntries)
        {
            Entries.Add(e);
        }

        await ConsentCsv.WriteRowAsync(_csvWriter, e, Settings.FullNumbers).ConfigureAwait(false);
    }
}
