using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>
/// For providers that deliver inbound messages: a STOP is read whatever shape the account's receiving address has — a
/// long code, a toll-free number, a short code — and a sender written in national format is read in the default
/// region; with keywords scoped per sending address the opt-out is recorded for exactly that address. A tampered
/// request of each shape is still refused.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite(Requires = ProviderCapabilities.InboundMessages)]
public abstract class ProviderAddressTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    /// <summary>The receiving addresses every provider with inbound messages documents, by name.</summary>
    public static TheoryData<string> Addresses => ["long code", "toll-free", "short code"];

    private static SenderAddress Address(string name) => name switch
    {
        "long code" => PhoneNumber.Parse("+14155550123"),
        "toll-free" => PhoneNumber.Parse("+18445550100"),
        _ => SenderAddress.ShortCode("12345", "US"),
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public virtual async Task A_STOP_to_each_kind_of_address_opts_out_for_that_address(string kind)
    {
        var to = Address(kind);
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Fixture.InboundMessage(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), "+14155552671", to, "STOP", "addr-" + kind, DateTimeOffset.UtcNow));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        var store = host.Services.GetRequiredService<ISuppressionStore>();
        (await store.IsSuppressedAsync(ProviderHost.Account, Person, SendingNumberScope.ListFor(to))).Should().BeTrue($"a STOP to {to} suppresses that sender's scope");
        (await store.IsSuppressedAsync(ProviderHost.Account, Person)).Should().BeFalse("keywords apply per sending address in this host");
        (await host.HistoryAsync(Person)).Should().ContainSingle().Which.List.Should().Be(SendingNumberScope.ListFor(to));
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public virtual async Task A_tampered_STOP_to_each_kind_of_address_is_refused(string kind)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Fixture.InboundMessage(InboundCase.WrongKey, ProviderHost.InboundUrl(Fixture), "+14155552671", Address(kind), "STOP", "bad-" + kind, DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task A_sender_written_in_national_format_is_read_in_the_default_region()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Fixture.InboundMessage(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), "(415) 555-2671", ProviderHost.AccountNumber, "STOP", "national", DateTimeOffset.UtcNow));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person)).Should().ContainSingle("the sender is +1 415 555 2671 in the US");
    }

    [Fact]
    public virtual async Task A_message_from_a_short_code_is_refused_with_400_naming_the_field()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Fixture.InboundMessage(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), "54321", ProviderHost.AccountNumber, "STOP", "from-short", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("short code").And.Contain("not a person's phone number");
    }

    private Task<ProviderHost> StartAsync() => ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsOptOutOptions>(o =>
    {
        o.DefaultRegion = "US";
        o.Keywords.Scope = KeywordScope.SendingNumber;
        o.Compliance.AllowNarrowOptOutScopes = true;
    }));
}
