using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Email.Smtp.Tests;

/// <summary>The unsubscription report, end to end: opt-outs → reporter → MailKit → a real SMTP server on 127.0.0.1.</summary>
public sealed class SmtpReportTests
{
    private static readonly AccountId Acme = new("acme");

    [Fact]
    public async Task The_digest_arrives_over_smtp_with_text_html_and_the_csv()
    {
        using var smtp = new SmtpTestServer();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        await using var services = Services(time, smtp.Port);
        var reporter = services.GetRequiredService<IUnsubscriptionReporter>();
        await reporter.SendDueReportsAsync();
        var optOut = services.GetRequiredService<IOptOutService>();
        foreach (var (i, source) in new[] { (1, OptOutSource.Keyword), (2, OptOutSource.OptOutLink), (3, OptOutSource.Keyword) })
        {
            await optOut.OptOutAsync(new ConsentRequest(Acme, PhoneNumber.FromValue(4_917_600_000_000UL + (ulong)i), source));
        }

        time.Advance(TimeSpan.FromHours(1));
        (await reporter.SendDueReportsAsync()).Should().Be(1);

        var message = smtp.Received.Should().ContainSingle().Subject;
        message.From.Mailboxes.Single().Address.Should().Be("reports@optout.example");
        message.To.Mailboxes.Select(m => m.Address).Should().Equal("owner@acme.example", "crm@acme.example");
        message.Subject.Should().Be("3 opt-outs for acme (until 2026-11-27 06:59 UTC)");
        message.TextBody.Should().Contain("Opt-outs: 3").And.Contain("opt-out by reply: 2").And.Contain("opt-out by link: 1").And.Contain("+49 ••• ••• 0001");
        message.HtmlBody.Should().Contain("<td>+49 ••• ••• 0002</td>");
        var attachment = (MimeKit.MimePart)message.Attachments.Single();
        attachment.FileName.Should().Be("opt-outs-acme-20261127-0659.csv");
        using var csv = new MemoryStream();
        await attachment.Content!.DecodeToAsync(csv);
        Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4, "a header and 3 opt-outs");
    }

    [Fact]
    public async Task An_unreachable_server_keeps_the_period_for_the_next_round()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        await using var services = Services(time, ServerProcess.FreePort());
        await services.GetRequiredService<IUnsubscriptionReporter>().SendDueReportsAsync();
        await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse("+4917612345678"), OptOutSource.Api));
        time.Advance(TimeSpan.FromHours(1));

        (await services.GetRequiredService<IUnsubscriptionReporter>().SendDueReportsAsync()).Should().Be(0);

        (await services.GetRequiredService<IReportCursorStore>().GetAsync(Acme))!.ReportedUntil.Should().Be(DateTimeOffset.UnixEpoch, "the period waits for the next round");
    }

    [Fact]
    public void Every_bad_setting_is_named_at_startup_with_one_message_each()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory().UseSmtpEmail(o =>
        {
            o.From = "not an address";
            o.Port = 0;
            o.Security = (SmtpSecurity)42;
            o.UserName = "reports";
            o.Timeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().SatisfyRespectively(
            f => f.Should().StartWith("SmtpEmailOptions.Host is empty"),
            f => f.Should().StartWith("SmtpEmailOptions.Port 0 must be 1 to 65535"),
            f => f.Should().StartWith("SmtpEmailOptions.Security 42"),
            f => f.Should().StartWith("SmtpEmailOptions.From 'not an address' must be an email address"),
            f => f.Should().StartWith("SmtpEmailOptions.Password is missing"),
            f => f.Should().StartWith("SmtpEmailOptions.Timeout 00:00:00 must be positive"));
    }

    [Fact]
    public async Task A_report_configured_entirely_in_appsettings_arrives_over_smtp()
    {
        using var smtp = new SmtpTestServer();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        var json = $$"""
            {
              "SmsOptOut": {
                "Webhooks": { "EnableDispatcher": false },
                "Reports": {
                  "EnableReporter": false,
                  "Accounts": { "acme": { "Channels": "Email", "EmailRecipients": [ "owner@acme.example" ], "Cadence": { "Kind": "Hourly" } } }
                },
                "Smtp": { "Host": "127.0.0.1", "Port": {{smtp.Port}}, "Security": "None", "From": "reports@optout.example", "Timeout": "00:00:10" }
              }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory().UseSmtpEmail(configuration.GetSection("SmsOptOut:Smtp"));
        await using var provider = services.BuildServiceProvider();
        var reporter = provider.GetRequiredService<IUnsubscriptionReporter>();
        await reporter.SendDueReportsAsync();
        await provider.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, PhoneNumber.FromValue(4_917_600_000_001UL), OptOutSource.Keyword));

        time.Advance(TimeSpan.FromHours(1));
        (await reporter.SendDueReportsAsync()).Should().Be(1);

        var message = smtp.Received.Should().ContainSingle().Subject;
        message.From.Mailboxes.Single().Address.Should().Be("reports@optout.example");
        message.To.Mailboxes.Select(m => m.Address).Should().Equal("owner@acme.example");
        provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value.Security.Should().Be(SmtpSecurity.None);
    }

    private static ServiceProvider Services(TimeProvider time, int port)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSmsOptOut(o =>
        {
            o.Reports.EnableReporter = false;
            o.Webhooks.EnableDispatcher = false;
            o.Reports.Accounts[Acme.Value] = new AccountReportSettings
            {
                Channels = ReportChannels.Email, EmailRecipients = ["owner@acme.example", "crm@acme.example"], Cadence = ReportCadence.Hourly,
            };
        }).UseInMemory().UseSmtpEmail(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.Security = SmtpSecurity.None;
            o.From = "reports@optout.example";
            o.Timeout = TimeSpan.FromSeconds(10);
        });
        return services.BuildServiceProvider();
    }
}
