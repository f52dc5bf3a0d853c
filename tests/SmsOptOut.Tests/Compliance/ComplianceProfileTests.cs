using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SmsOptOut.Compliance;
using SmsOptOut.Keywords;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Compliance;

/// <summary>Each profile refuses each setting that breaks one of its rules, naming the rule and its source; without the profile the setting is logged.</summary>
public sealed class ComplianceProfileTests
{
    public static TheoryData<ComplianceProfiles, string, string[]> UnsafeSettings => new()
    {
        { ComplianceProfiles.UnitedStates, "strict keywords", ["Keywords.Matching is Strict", "47 CFR 64.1200(a)(10)", "https://www.ecfr.gov/"] },
        { ComplianceProfiles.UnitedStates, "sending-number scope", ["Keywords.Scope is SendingNumber", "47 CFR 64.1200(a)(10)", "AllowNarrowOptOutScopes"] },
        { ComplianceProfiles.Canada, "sending-number scope", ["Keywords.Scope is SendingNumber", "CASL s. 11", "https://laws-lois.justice.gc.ca/"] },
        { ComplianceProfiles.EuropeUk, "sending-number scope", ["Keywords.Scope is SendingNumber", "GDPR Art. 21(3)", "https://eur-lex.europa.eu/"] },
        { ComplianceProfiles.Canada, "30-day links", ["Links.Lifetime 30.00:00:00 is shorter than 60 days", "CASL s. 11"] },
        { ComplianceProfiles.Canada, "no opt-out check", ["Sending.OptOutPolicy is Off", "CASL s. 6(2)"] },
        { ComplianceProfiles.EuropeUk, "no opt-out check", ["Sending.OptOutPolicy is Off", "ePrivacy Directive Art. 13(4)", "Art. 13(2) for messages sent under the soft opt-in"] },
        { ComplianceProfiles.Canada, "no sender identification", ["Sending.SenderIdentificationPolicy is Off", "CASL s. 6(2)"] },
        { ComplianceProfiles.UnitedStates, "no sender identification", ["Sending.SenderIdentificationPolicy is Off", "47 CFR 64.1200(d)(4)", "telephone number or address"] },
        { ComplianceProfiles.EuropeUk, "no sender identification", ["Sending.SenderIdentificationPolicy is Off", "ePrivacy Directive Art. 13(4)"] },
        { ComplianceProfiles.UnitedStates, "a bare re-subscribe confirmation", ["Keywords.OptInReply confirms a subscription but lacks", "message frequency", "Msg & data rates may apply", "HELP instructions", "customer-care contact", "CTIA"] },
        { ComplianceProfiles.UnitedStates, "a confirmation without frequency", ["Keywords.DoubleOptIn.ConfirmationRequest confirms a subscription but lacks the message frequency", "CTIA"] },
        { ComplianceProfiles.UnitedStates, "a confirmed reply without rates", ["Keywords.DoubleOptIn.ConfirmedReply confirms a subscription but lacks \"Msg & data rates may apply\"", "CTIA"] },
        { ComplianceProfiles.UnitedStates, "no brand", ["Sending.SenderIdentity.Name is not set", "CTIA Messaging Principles", "https://api.ctia.org/"] },
        { ComplianceProfiles.UnitedStates, "a reply without the brand", ["Keywords.OptOutReply does not name the brand", "{brand}", "CTIA Messaging Principles"] },
        { ComplianceProfiles.UnitedStates, "no contact", ["Keywords.HelpReply gives no contact", "Sending.SenderIdentity.Contact", "CTIA Messaging Principles"] },
        { ComplianceProfiles.UnitedStates, "a help reply without the contact", ["Keywords.HelpReply gives no contact", "{contact}"] },
    };

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public void A_profile_refuses_a_setting_that_breaks_its_rule_naming_the_rule_and_its_source(ComplianceProfiles profile, string setting, string[] named)
    {
        using var services = Build(o =>
        {
            Apply(o, setting);
            o.Compliance.Profiles = profile;
        });

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        var failure = act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle(f => f.Contains(named[0], StringComparison.Ordinal)).Subject;
        failure.Should().StartWith($"Refused under the {profile} compliance profile");
        foreach (var part in named)
        {
            failure.Should().Contain(part);
        }
    }

    /// <summary>Each unsafe setting once, with the words its warning names.</summary>
    public static TheoryData<string, string> Warnings => new()
    {
        { "strict keywords", "Keywords.Matching is Strict" },
        { "sending-number scope", "Keywords.Scope is SendingNumber" },
        { "30-day links", "Links.Lifetime 30.00:00:00 is shorter than 60 days" },
        { "no opt-out check", "Sending.OptOutPolicy is Off" },
        { "no sender identification", "Sending.SenderIdentificationPolicy is Off" },
        { "no brand", "Sending.SenderIdentity.Name is not set" },
        { "a reply without the brand", "Keywords.OptOutReply does not name the brand" },
        { "no contact", "Keywords.HelpReply gives no contact" },
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Without_a_profile_the_setting_is_accepted_and_logged(string setting, string named)
    {
        using var services = Build(o => Apply(o, setting), s => s.AddFakeLogging());

        _ = services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Should().Contain(r => r.Id.Id == 1003 && r.Level == LogLevel.Warning && r.Message.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_with_a_brand_and_a_contact_pass_every_profile_together_and_log_nothing()
    {
        using var services = Build(o => o.Compliance.Profiles = ComplianceProfiles.UnitedStates | ComplianceProfiles.Canada | ComplianceProfiles.EuropeUk,
            s => s.AddFakeLogging());

        _ = services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        services.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().NotContain(r => r.Id.Id == 1003 || r.Id.Id == 1004);
    }

    [Fact]
    public void The_explicit_override_allows_narrow_scopes_under_a_profile_and_is_logged()
    {
        using var services = Build(o =>
        {
            o.Keywords.Scope = KeywordScope.SendingNumber;
            o.Compliance.Profiles = ComplianceProfiles.UnitedStates;
            o.Compliance.AllowNarrowOptOutScopes = true;
        }, s => s.AddFakeLogging());

        services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Keywords.Scope.Should().Be(KeywordScope.SendingNumber);

        services.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().Contain(r => r.Id.Id == 1004);
    }

    [Fact]
    public void Strict_keywords_stay_refused_under_the_us_profile_even_with_the_scope_override()
    {
        using var services = Build(o =>
        {
            o.Keywords.Matching = KeywordMatching.Strict;
            o.Compliance.Profiles = ComplianceProfiles.UnitedStates;
            o.Compliance.AllowNarrowOptOutScopes = true;
        });

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Matching is Strict*");
    }

    [Fact]
    public void An_unknown_profile_is_refused()
    {
        using var services = Build(o => o.Compliance.Profiles = (ComplianceProfiles)64);

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Compliance.Profiles 64 names an unknown profile*");
    }

    [Fact]
    public void A_link_lifetime_of_a_minute_is_still_accepted_without_the_canada_profile_but_no_longer_claims_casl_is_met()
    {
        using var services = Build(o => o.Links.Lifetime = TimeSpan.FromMinutes(1), s => s.AddFakeLogging());

        services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Links.Lifetime.Should().Be(TimeSpan.FromMinutes(1));
        services.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().Contain(r => r.Message.Contains("shorter than 60 days", StringComparison.Ordinal));
    }

    private static void Apply(SmsOptOutOptions o, string setting)
    {
        switch (setting)
        {
            case "strict keywords": o.Keywords.Matching = KeywordMatching.Strict; break;
            case "sending-number scope": o.Keywords.Scope = KeywordScope.SendingNumber; break;
            case "30-day links": o.Links.Lifetime = TimeSpan.FromDays(30); break;
            case "no opt-out check": o.Sending.OptOutPolicy = OptOutPolicy.Off; break;
            case "no sender identification": o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Off; break;
            case "no brand": o.Sending.SenderIdentity.Name = null; break;
            case "a reply without the brand": o.Keywords.OptOutReply = "You are unsubscribed. Reply START to resubscribe."; break;
            case "no contact": o.Sending.SenderIdentity.Contact = null; break;
            case "a help reply without the contact": o.Keywords.HelpReply = "{brand}: Reply STOP to unsubscribe."; break;
            case "a bare re-subscribe confirmation": o.Keywords.OptInReply = "{brand}: You are subscribed again. Reply STOP to unsubscribe."; break;
            case "a confirmation without frequency": o.Keywords.DoubleOptIn.ConfirmationRequest = "{brand}: Reply YES to join. Msg&data rates may apply. HELP for help, STOP to end. Info: {contact}"; break;
            case "a confirmed reply without rates": o.Keywords.DoubleOptIn.ConfirmedReply = "{brand}: You're subscribed, 4 msgs/mo. Reply HELP for help, STOP to cancel. Info: {contact}"; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting), setting, "unknown setting");
        }
    }

    private static ServiceProvider Build(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        more?.Invoke(services);
        services.AddSmsOptOut(o =>
        {
            // What a US sender configures for carriers: the brand and where to get help.
            o.Sending.SenderIdentity.Name = "Acme";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
            configure(o);
        }).UseInMemory();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Brands_and_contacts_supplied_per_account_are_not_required_in_the_options()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISenderIdentityProvider, PerAccountIdentities>();
        services.AddSmsOptOut(o => o.Compliance.Profiles = ComplianceProfiles.UnitedStates).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().NotThrow("the host's provider gives each account its brand and contact");
    }

    private sealed class PerAccountIdentities : ISenderIdentityProvider
    {
        public ValueTask<SenderIdentity> GetIdentityAsync(SmsOptOut.Consent.AccountId account, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new SenderIdentity { Name = account.Value.ToUpperInvariant(), Contact = $"{account}.example/help" });
    }
}
