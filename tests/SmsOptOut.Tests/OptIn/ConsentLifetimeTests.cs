using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Compliance;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.OptIn;

/// <summary>
/// Consent with a basis and an expiry: an implied consent lasts the period its law gives it (the shortest that applies),
/// sends that require consent stop exactly when it lapses, an established business relationship lets a marketing text
/// reach a number on the Do-Not-Call registry only while it lasts and ends with an opt-out.
/// </summary>
public sealed class ConsentLifetimeTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId News = new("news");
    private static readonly PhoneNumber NewYork = PhoneNumber.Parse("+12125550100");
    private static readonly PhoneNumber Toronto = PhoneNumber.Parse("+14165550100");

    /// <summary>15:00 in New York and Toronto.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 20, 0, 0, TimeSpan.Zero);

    public static TheoryData<ComplianceProfiles, string, ConsentBasis, int> Periods => new()
    {
        { ComplianceProfiles.None, "+12125550100", ConsentBasis.Purchase, 18 },
        { ComplianceProfiles.None, "+12125550100", ConsentBasis.Inquiry, 3 },
        { ComplianceProfiles.None, "+14165550100", ConsentBasis.Purchase, 24 },
        { ComplianceProfiles.None, "+14165550100", ConsentBasis.Inquiry, 6 },
        { ComplianceProfiles.None, "+14165550100", ConsentBasis.Membership, 24 },
        { ComplianceProfiles.Canada, "+12125550100", ConsentBasis.Inquiry, 3 },
        { ComplianceProfiles.Canada, "+12125550100", ConsentBasis.Membership, 24 },
        { ComplianceProfiles.UnitedStates, "+14165550100", ConsentBasis.Purchase, 18 },
        { ComplianceProfiles.Canada, "+447700900123", ConsentBasis.Inquiry, 6 },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task An_implied_consent_lasts_the_shortest_period_of_the_laws_that_apply_and_sends_stop_exactly_then(
        ComplianceProfiles profile, string number, ConsentBasis basis, int months)
    {
        var time = new FakeTimeProvider(Start);
        var transport = new RecordingTransport();
        await using var services = Build(time, transport, o => o.Compliance.Profiles = profile);
        var person = PhoneNumber.Parse(number);
        var basisAt = Start.AddDays(-10);

        (await services.GetRequiredService<IOptInService>().RecordOptInAsync(new OptInRequest(Acme, person) { Basis = basis, BasisAt = basisAt })).Should().BeTrue();

        var expires = basisAt.AddMonths(months);
        var record = await services.GetRequiredService<IOptInService>().GetAsync(Acme, person);
        record!.ConsentExpiresAt.Should().Be(expires);
        record.LevelAt.Should().Be(basisAt, "the period counts from the purchase or inquiry, not from when it was recorded");

        time.SetUtcNow(expires.AddTicks(-1));
        (await SendAsync(services, person)).Should().Be(RecipientStatus.Sent);
        time.SetUtcNow(expires);
        var lapsed = await OutcomeAsync(services, person, ConsentRequirement.OptIn);
        lapsed.Status.Should().Be(RecipientStatus.NoConsent);
        lapsed.Error.Should().Be($"the implied consent ({basis}) expired at {expires.UtcDateTime:yyyy-MM-dd'T'HH:mm}Z");
    }

    [Fact]
    public async Task Express_consent_and_bases_without_a_period_never_expire_and_the_table_is_the_hosts_to_change()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Build(time, new RecordingTransport(), o =>
        {
            o.Consent.Lifetimes.Clear();
            o.Consent.Lifetimes.Add(new ConsentLifetime { Basis = ConsentBasis.Purchase, Months = 12, Source = "our counsel" });
        });
        var optIns = services.GetRequiredService<IOptInService>();

        await optIns.RecordOptInAsync(new OptInRequest(Acme, NewYork));
        await optIns.RecordOptInAsync(new OptInRequest(Acme, Toronto) { Basis = ConsentBasis.Purchase, BasisAt = Start });
        var disclosed = PhoneNumber.Parse("+12125550101");
        await optIns.RecordOptInAsync(new OptInRequest(Acme, disclosed) { Basis = ConsentBasis.Disclosure });

        (await optIns.GetAsync(Acme, NewYork))!.ConsentExpiresAt.Should().BeNull();
        (await optIns.GetAsync(Acme, disclosed))!.ConsentExpiresAt.Should().BeNull();
        (await optIns.GetAsync(Acme, Toronto))!.ConsentExpiresAt.Should().Be(Start.AddMonths(12), "a row without a region or profile applies to every number");

        time.Advance(TimeSpan.FromDays(3650));
        (await SendAsync(services, NewYork)).Should().Be(RecipientStatus.Sent);
        (await SendAsync(services, disclosed)).Should().Be(RecipientStatus.Sent);
        (await SendAsync(services, Toronto)).Should().Be(RecipientStatus.NoConsent);
    }

    [Fact]
    public async Task An_established_business_relationship_reaches_a_registered_number_while_it_lasts_and_an_opt_out_ends_it()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Build(time, new RecordingTransport(), _ => { });
        await ListOnRegistryAsync(services, time, "2125550100");
        var optIns = services.GetRequiredService<IOptInService>();

        var none = await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.EstablishedBusinessRelationship);
        none.Status.Should().Be(RecipientStatus.DoNotCallRegistry);
        none.Error.Should().Contain("no established business relationship is recorded");

        await optIns.RecordOptInAsync(new OptInRequest(Acme, NewYork) { Basis = ConsentBasis.Purchase, BasisAt = Start.AddMonths(-17) });
        (await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.EstablishedBusinessRelationship)).Status.Should().Be(RecipientStatus.Sent);
        (await OutcomeAsync(services, NewYork)).Status.Should().Be(RecipientStatus.DoNotCallRegistry, "without the exemption the registry binds");
        (await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.PriorExpressInvitation)).Error.Should().Contain("implied (Purchase), not an express permission");

        time.Advance(TimeSpan.FromDays(31));
        var ended = await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.EstablishedBusinessRelationship);
        ended.Status.Should().Be(RecipientStatus.DoNotCallRegistry);
        ended.Error.Should().Contain("the implied consent (Purchase) expired at");

        await optIns.RecordOptInAsync(new OptInRequest(Acme, NewYork) { Basis = ConsentBasis.Purchase });
        (await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.EstablishedBusinessRelationship)).Status.Should().Be(RecipientStatus.Sent, "a new purchase renews it");

        await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, NewYork, OptOutSource.Keyword));
        (await optIns.GetAsync(Acme, NewYork)).Should().BeNull("a do-not-call request ends the relationship");
        await services.GetRequiredService<IOptOutService>().OptInAsync(new ConsentRequest(Acme, NewYork, OptOutSource.Keyword));
        var after = await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.EstablishedBusinessRelationship);
        after.Status.Should().Be(RecipientStatus.DoNotCallRegistry, "an opt-in after the request is express consent, not a relationship");
        (await OutcomeAsync(services, NewYork, exemption: DoNotCallExemption.PriorExpressInvitation)).Status.Should().Be(RecipientStatus.Sent);
    }

    [Fact]
    public async Task A_list_with_an_exemption_sends_to_each_registered_recipient_on_its_own_record_in_input_order()
    {
        var time = new FakeTimeProvider(Start);
        var transport = new RecordingTransport();
        await using var services = Build(time, transport, _ => { });
        await ListOnRegistryAsync(services, time, "2125550100\n2125550102");
        await services.GetRequiredService<IOptInService>().RecordOptInAsync(new OptInRequest(Acme, NewYork) { Basis = ConsentBasis.Inquiry, BasisAt = Start.AddMonths(-1) });
        var outcomes = new List<RecipientOutcome>();

        await services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, News, "Acme: news. Help: acme.example/help. Reply STOP to opt out")
        {
            DoNotCallExemption = DoNotCallExemption.EstablishedBusinessRelationship,
            OnRecipient = (o, _) => { outcomes.Add(o); return ValueTask.CompletedTask; },
        }, new[] { "+12125550102", "+12125550101", "+12125550100" }.ToAsyncEnumerable());

        outcomes.Single(o => o.Input == "+12125550102").Status.Should().Be(RecipientStatus.DoNotCallRegistry);
        transport.Sent.Select(m => m.To.ToString()).Should().Equal("+12125550101", "+12125550100");
    }

    [Fact]
    public async Task Consents_expiring_soon_are_listed_for_a_re_permission_campaign()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Build(time, new RecordingTransport(), _ => { });
        var optIns = services.GetRequiredService<IOptInService>();
        await optIns.RecordOptInAsync(new OptInRequest(Acme, NewYork) { Basis = ConsentBasis.Inquiry, BasisAt = Start.AddDays(-80) });
        await optIns.RecordOptInAsync(new OptInRequest(Acme, Toronto) { Basis = ConsentBasis.Inquiry, BasisAt = Start.AddDays(-10) });

        var soon = await optIns.GetExpiringAsync(Acme, TimeSpan.FromDays(30)).ToListAsync();

        soon.Should().ContainSingle().Which.Number.Should().Be(NewYork);
        await FluentActions.Awaiting(() => optIns.GetExpiringAsync(Acme, TimeSpan.Zero).ToListAsync().AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("future", "BasisAt")]
    [InlineData("express with a date", "express opt-in")]
    [InlineData("unknown basis", "Basis 42")]
    public async Task A_bad_opt_in_is_refused_naming_the_field_and_nothing_is_recorded(string kind, string named)
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Build(time, new RecordingTransport(), _ => { });
        var optIns = services.GetRequiredService<IOptInService>();
        var request = kind switch
        {
            "future" => new OptInRequest(Acme, NewYork) { Basis = ConsentBasis.Purchase, BasisAt = Start.AddMinutes(1) },
            "express with a date" => new OptInRequest(Acme, NewYork) { BasisAt = Start.AddDays(-1) },
            _ => new OptInRequest(Acme, NewYork) { Basis = (ConsentBasis)42 },
        };

        await FluentActions.Awaiting(() => optIns.RecordOptInAsync(request)).Should().ThrowAsync<ArgumentException>().WithMessage($"*{named}*");
        (await optIns.GetAsync(Acme, NewYork)).Should().BeNull();
    }

    [Theory]
    [InlineData(ConsentBasis.Express, 12, null, "limits basis Express")]
    [InlineData(ConsentBasis.Inquiry, 0, null, "lasts 0 months")]
    [InlineData(ConsentBasis.Inquiry, 6, "USA", "Region 'USA' is not an ISO 3166-1 alpha-2 code")]
    public void A_bad_lifetime_row_is_refused_at_startup_naming_it(ConsentBasis basis, int months, string? region, string named)
    {
        using var services = SenderServices.Build(new RecordingTransport(), o =>
            o.Consent.Lifetimes.Add(new ConsentLifetime { Basis = basis, Months = months, Region = region }));

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*SmsOptOutOptions.Consent.Lifetimes[5]*{named}*");
    }

    private static ServiceProvider Build(FakeTimeProvider time, RecordingTransport transport, Action<SmsOptOutOptions> configure) =>
        SenderServices.Build(transport, o =>
        {
            o.Sending.SenderIdentity.Name = "Acme";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
            configure(o);
        }, s => s.AddSingleton<TimeProvider>(time));

    private static async Task ListOnRegistryAsync(ServiceProvider services, FakeTimeProvider time, string numbers) =>
        await services.GetRequiredService<IDoNotCallRegistry>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(numbers + "\n")),
            new DoNotCallImport { DataDate = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-1)) });

    private static async Task<RecipientStatus> SendAsync(ServiceProvider services, PhoneNumber person) =>
        (await OutcomeAsync(services, person, ConsentRequirement.OptIn)).Status;

    private static async Task<SingleSendResult> OutcomeAsync(ServiceProvider services, PhoneNumber person,
        ConsentRequirement consent = ConsentRequirement.None, DoNotCallExemption exemption = DoNotCallExemption.None) =>
        await services.GetRequiredService<ISmsSender>().SendAsync(new SingleSendRequest(Acme, person.ToString(), "Acme: news. Help: acme.example/help. Reply STOP to opt out")
        {
            List = News, Consent = consent, DoNotCallExemption = exemption,
        });
}
