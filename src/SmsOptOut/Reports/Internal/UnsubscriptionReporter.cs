using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;

namespace SmsOptOut.Reports.Internal;

/// <summary>
/// Sends each account's due report for the period after its cursor, then moves the cursor. The cursor moves only
/// after every channel accepted the report: a crash or a failure in between reports the same period again (a
/// duplicate report, never a skipped opt-out). With several app instances, each due report is claimed first
/// (<see cref="IReportCursorStore.TryClaimAsync"/>), so one instance sends it; the holder renews its claim with each
/// report it sends, and another instance can claim the account once the lease has run out. Calls within one instance
/// run one at a time, so they cannot race each other under the same claim.
/// </summary>
internal sealed class UnsubscriptionReporter(
    IReportSettingsProvider settingsProvider,
    IReportCursorStore cursors,
    ISuppressionStore store,
    IOptions<SmsOptOutOptions> options,
    TimeProvider time,
    ILogger<UnsubscriptionReporter> logger,
    IEmailSender? email = null,
    ISmsTransport? transport = null) : IUnsubscriptionReporter, IDisposable
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<int> SendDueReportsAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendDueReportsOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<int> SendDueReportsOnceAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var account in await settingsProvider.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                sent += await ReportAsync(account, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // one account's failing mail server must not stop the others' reports
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ReportFailed(logger, e, account.Value);
            }
        }

        return sent;
    }

    public async Task<ReportPreview?> PreviewAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        if (await settingsProvider.GetSettingsAsync(account, cancellationToken).ConfigureAwait(false) is not { } settings)
        {
            return null;
        }

        var from = (await cursors.GetAsync(account, cancellationToken).ConfigureAwait(false))?.ReportedUntil ?? DateTimeOffset.UnixEpoch;
        var now = time.GetUtcNow();
        using var report = await UnsubscriptionReport.BuildAsync(store.GetEventsAsync(account, from, now, cancellationToken), account, from, now, settings, options.Value.Reports.MaxEmailBodyEntries, cancellationToken).ConfigureAwait(false);
        var email = ReportComposer.Email(report);
        return new ReportPreview(report.OptOuts, report.OptIns,
            email with { Attachments = [.. email.Attachments.Select(a => a with { Content = a.Content.ToArray() })] }, ReportComposer.Sms(report));
    }

    private async Task<bool> ReportAsync(AccountId account, CancellationToken cancellationToken)
    {
        if (await settingsProvider.GetSettingsAsync(account, cancellationToken).ConfigureAwait(false) is not { Channels: not ReportChannels.None } settings)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (await cursors.GetAsync(account, cancellationToken).ConfigureAwait(false) is not { } cursor)
        {
            // First sight of the account: its schedule starts now; everything it already has is in the first report.
            cursor = new ReportCursor(DateTimeOffset.UnixEpoch, now);
            await cursors.SetAsync(account, cursor, cancellationToken).ConfigureAwait(false);
        }

        var from = cursor.ReportedUntil;
        // Whole milliseconds, which every store keeps exactly, so the next period starts precisely where this one ended.
        var settled = now - options.Value.Reports.SettleDelay;
        var until = Storage.WholeMilliseconds.Of(settled);
        if (until <= from || settings.Cadence.NextDue(cursor.LastReportAt, now) > now)
        {
            return false;
        }

        // Due: claim it, then make sure no other instance reported this period between our read and our claim.
        if (!await cursors.TryClaimAsync(account, _owner, now, options.Value.Reports.ClaimLease, cancellationToken).ConfigureAwait(false)
            || (await cursors.GetAsync(account, cancellationToken).ConfigureAwait(false))?.ReportedUntil != cursor.ReportedUntil)
        {
            return false;
        }

        using var report = await UnsubscriptionReport.BuildAsync(store.GetEventsAsync(account, from, until, cancellationToken), account, from, until, settings,
            options.Value.Reports.MaxEmailBodyEntries, cancellationToken).ConfigureAwait(false);
        if (report.Total == 0)
        {
            // Nothing to say: the period is done, and the cadence still counts from the last report actually sent.
            await cursors.SetAsync(account, new ReportCursor(until, cursor.LastReportAt), cancellationToken).ConfigureAwait(false);
            return false;
        }

        var channels = new List<string>(2);
        if (settings.Channels.HasFlag(ReportChannels.Email) && await SendEmailAsync(report, cancellationToken).ConfigureAwait(false))
        {
            channels.Add("email");
        }

        if (settings.Channels.HasFlag(ReportChannels.Sms) && await SendSmsAsync(report, cancellationToken).ConfigureAwait(false))
        {
            channels.Add("SMS");
        }

        if (channels.Count == 0)
        {
            // Never skip a period: without a working channel the cursor stays, and the next round tries again.
            throw new InvalidOperationException($"Account {account.Value} wants reports by {settings.Channels} but none of those channels is configured.");
        }

        await cursors.SetAsync(account, new ReportCursor(until, now), cancellationToken).ConfigureAwait(false);
        Log.ReportSent(logger, account.Value, report.OptOuts, report.OptIns, string.Join(" and ", channels));
        return true;
    }

    private async Task<bool> SendEmailAsync(UnsubscriptionReport report, CancellationToken cancellationToken)
    {
        if (email is null || report.Settings.EmailRecipients.Count == 0)
        {
            Log.ReportChannelUnavailable(logger, report.Account.Value, "email", email is null ? "IEmailSender (UseSmtpEmail)" : "email recipient");
            return false;
        }

        await email.SendAsync(ReportComposer.Email(report), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> SendSmsAsync(UnsubscriptionReport report, CancellationToken cancellationToken)
    {
        if (transport is null || report.Settings.SmsRecipients.Count == 0)
        {
            Log.ReportChannelUnavailable(logger, report.Account.Value, "SMS", transport is null ? "ISmsTransport" : "SMS recipient");
            return false;
        }

        var body = ReportComposer.Sms(report);
        foreach (var recipient in report.Settings.SmsRecipients)
        {
            var result = await transport.SendAsync(new SmsMessage(recipient, body) { Account = report.Account }, cancellationToken).ConfigureAwait(false);
            if (result.Status != SmsSendStatus.Sent)
            {
                throw new InvalidOperationException($"The SMS digest to {recipient.ToMaskedString()} was not sent: {result.Status} {result.ProviderErrorCode} {result.ErrorMessage}".TrimEnd());
            }
        }

        return true;
    }
}
