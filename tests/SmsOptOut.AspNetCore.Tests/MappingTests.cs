using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>What <c>MapSmsOptOut()</c> refuses, and what it maps by default.</summary>
public sealed class MappingTests
{
    [Fact]
    public void Without_AddSmsOptOut_mapping_names_what_is_missing()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var act = () => app.MapSmsOptOut();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddSmsOptOut()*UseSqlite*");
    }

    [Fact]
    public void A_link_base_url_with_a_query_needs_an_explicit_prefix()
    {
        var app = App(new Uri("https://opt.example/optout?t="));

        var act = () => app.MapSmsOptOut();

        act.Should().Throw<InvalidOperationException>().WithMessage("*LinkBaseUrl 'https://opt.example/optout?t='*set SmsOptOutEndpointOptions.LinkPrefix*");
    }

    [Theory]
    [InlineData("u")]
    [InlineData("/u/{id}")]
    public void A_malformed_prefix_is_refused(string prefix)
    {
        var act = () => App(new Uri("https://opt.example/u/")).MapSmsOptOut(o => o.LinkPrefix = prefix);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*LinkPrefix '{prefix}' must be a path like*");
    }

    [Fact]
    public void Provider_endpoints_need_to_know_the_account()
    {
        var app = App(new Uri("https://opt.example/u/"), twilio: true);

        var act = () => app.MapSmsOptOut();

        act.Should().Throw<InvalidOperationException>().WithMessage("*inbound endpoints of twilio*InboundAccount*ResolveInboundAccount*IsKnownAccount*");
    }

    [Fact]
    public void The_json_endpoint_needs_to_know_which_accounts_exist()
    {
        var act = () => App(new Uri("https://opt.example/u/")).MapSmsOptOut(o => o.InboundSharedSecret = "json-inbound-shared-secret-0123456789");

        act.Should().Throw<InvalidOperationException>().WithMessage("*json inbound endpoint*InboundAccount*ResolveInboundAccount*IsKnownAccount*");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 60 + 1)]
    public void An_undo_window_out_of_range_is_refused(int minutes)
    {
        var act = () => App(new Uri("https://opt.example/u/")).MapSmsOptOut(o => o.ResubscribeWindow = TimeSpan.FromMinutes(minutes));

        act.Should().Throw<InvalidOperationException>().WithMessage("*ResubscribeWindow must be zero (no undo) to one day*");
    }

    [Fact]
    public void A_short_shared_secret_is_refused()
    {
        var act = () => App(new Uri("https://opt.example/u/")).MapSmsOptOut(o => o.InboundSharedSecret = "short");

        act.Should().Throw<InvalidOperationException>().WithMessage("*InboundSharedSecret must be at least 16 characters*");
    }

    [Fact]
    public void A_list_scoped_landing_page_is_refused_under_a_compliance_profile_and_logged_without_one()
    {
        var underProfile = () => App(new Uri("https://opt.example/u/"), configure: o => o.Compliance.Profiles = Compliance.ComplianceProfiles.Canada)
            .MapSmsOptOut(o => o.LinkScope = Consent.SuppressionScope.List);
        var overridden = App(new Uri("https://opt.example/u/"), configure: o =>
        {
            o.Compliance.Profiles = Compliance.ComplianceProfiles.UnitedStates;
            o.Compliance.AllowNarrowOptOutScopes = true;
            o.Sending.SenderIdentity.Name = "Acme";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
        });
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        var withoutProfile = App(new Uri("https://opt.example/u/"), logs: logs);

        underProfile.Should().Throw<InvalidOperationException>().WithMessage("Refused under the Canada compliance profile: SmsOptOutEndpointOptions.LinkScope is List*CASL s. 11(1)(a)*");
        overridden.MapSmsOptOut(o => o.LinkScope = Consent.SuppressionScope.List).Should().NotBeNull();
        withoutProfile.MapSmsOptOut(o => o.LinkScope = Consent.SuppressionScope.List);
        logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 2003 && r.Level == LogLevel.Warning).Which.Message.Should().Contain("LinkScope is List");
    }

    [Theory]
    [InlineData("https://opt.example/u/", "/u/{token}")]
    [InlineData("https://o.example/", "/{token}")]
    [InlineData("https://opt.example/stop/sms/", "/stop/sms/{token}")]
    public void The_landing_page_route_follows_the_link_base_url_and_inbound_endpoints_only_exist_when_configured(string baseUrl, string route)
    {
        var app = App(new Uri(baseUrl));

        app.MapSmsOptOut();

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToList();
        routes.Should().BeEquivalentTo([route, route, route], "GET and HEAD, POST, and the 405 of every other method; no inbound endpoint without a token or a secret");
    }

    private static WebApplication App(Uri linkBaseUrl, bool twilio = false, Action<SmsOptOutOptions>? configure = null,
        Microsoft.Extensions.Logging.Testing.FakeLogCollector? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs));
        }

        var smsOptOut = builder.Services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = linkBaseUrl;
            configure?.Invoke(o);
        }).UseInMemory();
        if (twilio)
        {
            smsOptOut.AddTwilio(o =>
            {
                o.AccountSid = Support.LandingHost.TwilioAccountSid;
                o.AuthToken = "token";
                o.From = "+18005550100";
            });
        }

        return builder.Build();
    }
}
