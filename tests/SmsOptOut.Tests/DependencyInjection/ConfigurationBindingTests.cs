using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tests.DependencyInjection;

/// <summary><c>AddSmsOptOut(configuration)</c>: every option, nested ones included, from appsettings.json or environment variables.</summary>
public sealed class ConfigurationBindingTests
{
    private static readonly string Secret = WebhookSecret.Generate();
    private static readonly string LinkKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    private static string AppSettings => $$"""
        {
          "SmsOptOut": {
            "DefaultRegion": "GB",
            "LinkBaseUrl": "https://opt.example/u/",
            "Links": { "Mode": "Stateless", "TokenLength": 12, "Lifetime": "120.00:00:00", "SigningKeys": [ { "Id": 3, "Secret": "{{LinkKey}}" } ], "ActiveKeyId": 3 },
            "Keywords": {
              "Matching": "Strict", "Languages": [ "en", "fr" ], "OptOutKeywords": [ "BASTA" ], "Scope": "SendingNumber",
              "OptOutReply": "Acme: you are unsubscribed.", "ReplyWindow": "00:03:00"
            },
            "Webhooks": {
              "CallbackUrl": "https://crm.example/hooks/optout", "Secrets": [ "{{Secret}}" ],
              "ListCallbackUrls": { "vip": "https://crm.example/hooks/vip" },
              "Format": "StandardEnvelope", "IncludeDetails": true, "RetrySchedule": [ "00:00:05", "00:01:00" ], "RequestTimeout": "00:00:20",
              "MaxConcurrency": 4
            },
            "Sending": { "OptOutPolicy": "Enforce", "BatchSize": 250, "MaxConcurrency": 4, "MessagesPerSecond": 12.5 },
            "DataProtection": { "PseudonymKeys": [ { "Id": 2, "Secret": "{{LinkKey}}" } ], "ActivePseudonymKeyId": 2 },
            "Compliance": { "Profiles": "Canada", "AllowNarrowOptOutScopes": true },
            "Retention": { "MinimizeEvidenceAfter": "730.00:00:00" },
            "Reports": {
              "PollInterval": "00:02:00",
              "Accounts": {
                "acme": {
                  "Channels": "Email, Sms", "EmailRecipients": [ "owner@acme.example" ], "SmsRecipients": [ "+4917612345678" ],
                  "Cadence": { "Kind": "Daily", "TimeOfDay": "07:30", "TimeZone": "Europe/Berlin" }, "FullNumbers": true
                },
                "globex": { "Channels": "Sms", "SmsRecipients": [ "+14155552671" ], "Cadence": { "Kind": "Immediate", "BatchWindow": "00:10:00" } }
              }
            }
          }
        }
        """;

    [Fact]
    public void Every_option_binds_from_an_appsettings_file_nested_ones_included()
    {
        var options = Bind(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build());

        options.DefaultRegion.Should().Be("GB");
        options.LinkBaseUrl.Should().Be(new Uri("https://opt.example/u/"));
        options.Links.Mode.Should().Be(OptOutLinkMode.Stateless);
        options.Links.TokenLength.Should().Be(12);
        options.Links.Lifetime.Should().Be(TimeSpan.FromDays(120));
        options.Links.SigningKeys.Should().ContainSingle().Which.Should().BeEquivalentTo(new OptOutLinkKey { Id = 3, Secret = LinkKey });
        options.Links.ActiveKeyId.Should().Be(3);
        options.Keywords.Matching.Should().Be(KeywordMatching.Strict);
        options.Keywords.Languages.Should().BeEquivalentTo("en", "fr");
        options.Keywords.OptOutKeywords.Should().BeEquivalentTo("BASTA");
        options.Keywords.Scope.Should().Be(KeywordScope.SendingNumber);
        options.Keywords.OptOutReply.Should().Be("Acme: you are unsubscribed.");
        options.Keywords.ReplyWindow.Should().Be(TimeSpan.FromMinutes(3));
        options.Webhooks.CallbackUrl.Should().Be(new Uri("https://crm.example/hooks/optout"));
        options.Webhooks.Secrets.Should().Equal(Secret);
        options.Webhooks.ListCallbackUrls.Should().Equal(new Dictionary<string, Uri> { ["vip"] = new("https://crm.example/hooks/vip") });
        options.Webhooks.Format.Should().Be(WebhookPayloadFormat.StandardEnvelope);
        options.Webhooks.IncludeDetails.Should().BeTrue();
        options.Webhooks.RetrySchedule.Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        options.Webhooks.RequestTimeout.Should().Be(TimeSpan.FromSeconds(20));
        options.Webhooks.MaxConcurrency.Should().Be(4);
        options.Sending.OptOutPolicy.Should().Be(OptOutPolicy.Enforce);
        options.Sending.BatchSize.Should().Be(250);
        options.Sending.MessagesPerSecond.Should().Be(12.5);
        options.Reports.PollInterval.Should().Be(TimeSpan.FromMinutes(2));
        var acme = options.Reports.Accounts["acme"];
        acme.Channels.Should().Be(ReportChannels.EmailAndSms);
        acme.EmailRecipients.Should().Equal("owner@acme.example");
        acme.SmsRecipients.Should().Equal(PhoneNumber.Parse("+4917612345678"));
        acme.Cadence.Should().Be(ReportCadence.Daily(new TimeOnly(7, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        acme.FullNumbers.Should().BeTrue();
        options.Reports.Accounts["globex"].Cadence.Should().Be(ReportCadence.Immediate(TimeSpan.FromMinutes(10)));
        options.DataProtection.PseudonymKeys.Should().ContainSingle().Which.Should().BeEquivalentTo(new SmsOptOut.Privacy.PseudonymKey { Id = 2, Secret = LinkKey });
        options.DataProtection.ActivePseudonymKeyId.Should().Be(2);
        options.Compliance.Profiles.Should().Be(SmsOptOut.Compliance.ComplianceProfiles.Canada);
        options.Compliance.AllowNarrowOptOutScopes.Should().BeTrue();
        options.Retention.MinimizeEvidenceAfter.Should().Be(TimeSpan.FromDays(730));
    }

    [Fact]
    public void Environment_variable_style_keys_bind_and_code_configures_after_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Webhooks:CallbackUrl"] = "https://crm.example/hooks/optout",
            ["SmsOptOut:Webhooks:Secrets:0"] = Secret,
            ["SmsOptOut:Webhooks:RetrySchedule:0"] = "00:00:01",
            ["SmsOptOut:Sending:BatchSize"] = "100",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut"), o => o.Sending.BatchSize = 50).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        options.Webhooks.RetrySchedule.Should().Equal([TimeSpan.FromSeconds(1)], "a schedule given in configuration replaces the default one");
        options.Sending.BatchSize.Should().Be(50, "code runs after configuration");
        options.Keywords.Languages.Should().BeEquivalentTo(KeywordOptions.BuiltInLanguages, "what configuration does not name keeps its default");
    }

    [Theory]
    [InlineData("Links:Lifetime", "ninety days", "SmsOptOut:Links:Lifetime")]
    [InlineData("LinkBaseUrl", "opt.example/u/", "'SmsOptOut:LinkBaseUrl' = 'opt.example/u/' is not an absolute URL")]
    [InlineData("Reports:Accounts:acme:Cadence:Kind", "Weekly", "'SmsOptOut:Reports:Accounts:acme:Cadence:Kind' = 'Weekly' is not a report cadence")]
    [InlineData("Reports:Accounts:acme:SmsRecipients:0", "call me", "'SmsOptOut:Reports:Accounts:acme:SmsRecipients:0' = 'call me' is not a phone number")]
    [InlineData("Reports:Accounts:acme:Channels", "Fax", "'SmsOptOut:Reports:Accounts:acme:Channels' = 'Fax' is not a report channel")]
    [InlineData("Reports:Accounts:acme:Cadence:TimeZone", "Mars/Olympus", "'SmsOptOut:Reports:Accounts:acme:Cadence:TimeZone' = 'Mars/Olympus' is not a time zone")]
    public void A_value_that_cannot_be_read_fails_naming_its_configuration_path(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["SmsOptOut:" + key] = value };
        if (key.Contains("Cadence:TimeZone", StringComparison.Ordinal))
        {
            settings["SmsOptOut:Reports:Accounts:acme:Cadence:Kind"] = "Daily";
        }

        var act = () => Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Configured_options_are_validated_like_options_set_in_code()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Webhooks:CallbackUrl"] = "http://crm.example/hook",
            ["SmsOptOut:Webhooks:Secrets:0"] = Secret,
        }).Build();

        var act = () => Bind(configuration);

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Webhooks.CallbackUrl").And.Contain("uses http://");
    }

    private static SmsOptOutOptions Bind(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
    }
}
