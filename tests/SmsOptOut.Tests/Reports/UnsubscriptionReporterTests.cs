using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsOptOut.Consent;
using SmsOptOut.Messages;
using SmsOptOut.Reports;
using SmsOptOut.Testing;

namespace SmsOptOut.Tests.Reports;

/// <summary>The reporter: cadence on a fake clock, SMS digests, email content, and the cursor under failure.</summary>
public sealed class UnsubscriptionReporterTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task An_sms_digest_lists_masked_numbers_and_counts_per_source_within_its_segments()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(5)),
        });
        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "reporting starts now for this account");
        await host.OptOutAsync(1);
        await host.OptOutAsync(2, OptOutSource.OptOutLink, null);
        await host.OptOutAsync(3);

        host.Time.Advance(TimeSpan.FromMinutes(5));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1, "the first report waits for the 5-minute window too");

        var sms = host.Sms.Sent.Should().ContainSingle().Subject;
        sms.To.Should().Be(ReportHost.Owner);
        sms.Body.Should().Contain("acme: 3 opt-outs").And.Contain("1 opt-out by link").And.Contain("2 opt-out by reply")
            .And.Contain("+49 *** *** 0001 out/reply").And.Contain("+49 *** *** 0002 out/link").And.NotContain(ReportHost.Number(1).ToString());
        var segments = SmsSegmentCalculator.Calculate(sms.Body);
        segments.Encoding.Should().Be(SmsEncoding.Gsm7, "'*' instead of '•' keeps the digest in GSM-7");
        segments.Segments.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_background_service_sends_due_reports_on_its_own()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(1)),
        }, backgroundService: true);
        var service = host.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "ReportService");
        await service.StartAsync(CancellationToken.None);
        await host.OptOutAsync(1);

        await Eventually.TrueAsync(() => !host.Sms.Sent.IsEmpty, "the background service to send the report",
            between: () => host.Time.Advance(TimeSpan.FromSeconds(1)));

        await service.StopAsync(CancellationToken.None);
        host.Sms.Sent.Should().ContainSingle().Which.Body.Should().Contain("1 opt-out");
    }

    [Fact]
    public async Task A_preview_shows_the_next_report_without_sending_it_or_moving_the_cursor()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(5)),
        });
        await host.Reporter.SendDueReportsAsync();
        var cursor = await host.CursorAsync();
        await host.OptOutAsync(1);

        var preview = await host.Reporter.PreviewAsync(ReportHost.Acme);

        preview!.OptOuts.Should().Be(1, "a preview includes what was just recorded");
        preview.Sms.Should().Contain("acme: 1 opt-out").And.Contain("+49 *** *** 0001");
        Encoding.UTF8.GetString(preview.Email.Attachments.Single().Content.Span).Should().Contain(ReportHost.Number(1).ToMaskedString());
        host.Sms.Sent.Should().BeEmpty();
        (await host.CursorAsync()).Should().Be(cursor);
        (await host.Reporter.PreviewAsync(new SmsOptOut.Consent.AccountId("unknown"))).Should().BeNull();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1, "the real report still has it");
    }

    [Fact]
    public async Task A_digest_that_does_not_fit_gives_counts_and_points_to_the_full_report()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], MaxSmsSegments = 1,
            Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(5)), FullReportUrl = new Uri("https://crm.example/optouts"),
        });
        await host.Reporter.SendDueReportsAsync();
        for (var i = 0; i < 40; i++)
        {
            await host.OptOutAsync(i);
        }

        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.Reporter.SendDueReportsAsync();

        var body = host.Sms.Sent.Should().ContainSingle().Subject.Body;
        body.Should().Contain("40 opt-outs").And.Contain("Full report: https://crm.example/optouts").And.NotContain("***");
        SmsSegmentCalculator.Calculate(body).Segments.Should().Be(1);
    }

    [Fact]
    public async Task A_daily_report_goes_out_at_the_owners_local_time_and_not_before()
    {
        // 06:00 UTC = 07:00 in Berlin (winter time).
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Email, EmailRecipients = ["owner@acme.example"], Cadence = ReportCadence.Daily(new TimeOnly(8, 0), Berlin),
        });
        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "reporting starts now, at 07:00 in Berlin");
        await host.OptOutAsync(1);

        host.Time.Advance(TimeSpan.FromMinutes(59));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "07:59 in Berlin");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1, "08:00 in Berlin");

        await host.OptOutAsync(2);
        host.Time.Advance(TimeSpan.FromHours(2));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "the next report is tomorrow at 08:00");
        host.Time.Advance(TimeSpan.FromHours(22));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1);

        host.Email.Sent.Select(m => m.Subject).Should().Equal(
            "1 opt-out for acme (until 2026-11-27 06:59 UTC)", "1 opt-out for acme (2026-11-27 06:59 to 2026-11-28 06:59 UTC)");
        Encoding.UTF8.GetString(host.Email.Sent.Last().Attachments.Single().Content.Span).Should().Contain(ReportHost.Number(2).ToMaskedString())
            .And.NotContain(ReportHost.Number(1).ToMaskedString(), "each opt-out is reported once");
    }

    [Fact]
    public async Task An_immediate_cadence_batches_what_arrives_within_its_window()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(10)),
        });
        await host.Reporter.SendDueReportsAsync();
        await host.OptOutAsync(1);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1);
        await host.OptOutAsync(2);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.OptOutAsync(3);
        host.Time.Advance(TimeSpan.FromMinutes(1));

        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "3 minutes after the last report, inside the 10-minute window");
        host.Time.Advance(TimeSpan.FromMinutes(8));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1);

        host.Sms.Sent.Select(m => m.Body).Should().SatisfyRespectively(
            first => first.Should().Contain("1 opt-out").And.Contain("+49 *** *** 0001"),
            second => second.Should().Contain("2 opt-outs").And.Contain("+49 *** *** 0002").And.Contain("+49 *** *** 0003").And.NotContain("0001"));
    }

    [Fact]
    public async Task A_failure_after_the_email_left_reports_the_same_period_again_and_skips_nothing()
    {
        var attempts = 0;
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Email, EmailRecipients = ["owner@acme.example"], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(1)),
        }, emailAccepted: _ => ++attempts != 2);
        await host.Reporter.SendDueReportsAsync();
        await host.OptOutAsync(1);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1);
        await host.OptOutAsync(2);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var cursorBefore = await host.CursorAsync();

        (await host.Reporter.SendDueReportsAsync()).Should().Be(0, "the second report was handed over, then the connection dropped");
        (await host.CursorAsync()).Should().Be(cursorBefore, "the cursor moves only after the report was accepted");
        await host.OptOutAsync(3);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        (await host.Reporter.SendDueReportsAsync()).Should().Be(1);

        var reported = host.Email.Sent.Select(m => Encoding.UTF8.GetString(m.Attachments.Single().Content.Span)).ToList();
        reported.Should().HaveCount(3);
        reported[1].Should().Contain(ReportHost.Number(2).ToMaskedString());
        reported[2].Should().Contain(ReportHost.Number(2).ToMaskedString(), "sent again: a duplicate, never a gap").And.Contain(ReportHost.Number(3).ToMaskedString());
        foreach (var i in new[] { 1, 2, 3 })
        {
            reported.Should().Contain(r => r.Contains(ReportHost.Number(i).ToMaskedString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Opt_ins_are_reported_unless_turned_off()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Hourly, IncludeOptIns = false,
        });
        await host.Reporter.SendDueReportsAsync();
        await host.OptOutAsync(1);
        await host.OptInAsync(1);
        host.Time.Advance(TimeSpan.FromHours(1));

        await host.Reporter.SendDueReportsAsync();

        host.Sms.Sent.Should().ContainSingle().Which.Body.Should().Contain("1 opt-out").And.NotContain("opt-in");
    }

    [Fact]
    public async Task Nothing_to_report_sends_nothing_and_a_missing_channel_keeps_the_period()
    {
        await using var quiet = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [ReportHost.Owner], Cadence = ReportCadence.Hourly,
        });
        quiet.Time.Advance(TimeSpan.FromHours(2));
        (await quiet.Reporter.SendDueReportsAsync()).Should().Be(0);
        quiet.Sms.Sent.Should().BeEmpty();

        await using var misconfigured = new ReportHost(new AccountReportSettings { Channels = ReportChannels.Sms, Cadence = ReportCadence.Hourly });
        await misconfigured.Reporter.SendDueReportsAsync();
        await misconfigured.OptOutAsync(1);
        misconfigured.Time.Advance(TimeSpan.FromHours(2));
        (await misconfigured.Reporter.SendDueReportsAsync()).Should().Be(0);
        (await misconfigured.CursorAsync())!.ReportedUntil.Should().Be(DateTimeOffset.UnixEpoch, "no channel could send, so the period stays to be reported");
    }

    [Fact]
    public async Task The_email_has_counts_a_table_and_the_full_csv_with_full_numbers_when_asked()
    {
        await using var host = new ReportHost(new AccountReportSettings
        {
            Channels = ReportChannels.Email, EmailRecipients = ["owner@acme.example"], Cadence = ReportCadence.Hourly, FullNumbers = true,
        });
        await host.Reporter.SendDueReportsAsync();
        await host.OptOutAsync(1, text: "STOP, \"really\"");
        await host.OptOutAsync(2, OptOutSource.OptOutLink, null);
        host.Time.Advance(TimeSpan.FromHours(1));

        await host.Reporter.SendDueReportsAsync();

        var email = host.Email.Sent.Should().ContainSingle().Subject;
        email.To.Should().Equal("owner@acme.example");
        email.TextBody.Should().Contain("Opt-outs: 2").And.Contain("opt-out by link: 1").And.Contain("opt-out by reply: 1").And.Contain(ReportHost.Number(1).ToString());
        email.HtmlBody.Should().Contain("<td>" + ReportHost.Number(2) + "</td>");
        var csv = Encoding.UTF8.GetString(email.Attachments.Single().Content.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv.Should().HaveCount(3);
        csv[1].Should().Contain(ReportHost.Number(1).ToString()).And.Contain("\"STOP, \"\"really\"\"\"");
    }
}
