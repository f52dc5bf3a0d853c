using System.Net;
using FluentAssertions;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>
/// A provider's webhooks over real HTTP through <c>MapSmsOptOut()</c>: the signature is checked before anything is
/// read, and a missing, wrong, expired or replayed one gets 403 with nothing recorded.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite]
public abstract class ProviderInboundTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    private Uri Url => ProviderHost.InboundUrl(Fixture);

    /// <summary>Every signature scheme the provider's webhooks may carry.</summary>
    public static TheoryData<string> Schemes => [.. new TFixture().Schemes];

    /// <summary>Every scheme, with the requests that are not the provider's.</summary>
    public static TheoryData<InboundCase, string> ForgedBySchemes
    {
        get
        {
            var data = new TheoryData<InboundCase, string>();
            foreach (var scheme in new TFixture().Schemes)
            {
                data.Add(InboundCase.WrongKey, scheme);
                data.Add(InboundCase.NoSignature, scheme);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task A_valid_webhook_opts_the_person_out(string scheme)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, Url, Person, ProviderHost.AccountNumber, "id-1", DateTimeOffset.UtcNow, scheme));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
        (await host.HistoryAsync(Person)).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(ForgedBySchemes))]
    public virtual async Task A_webhook_that_is_not_the_providers_is_refused_with_403_and_nothing_is_recorded(InboundCase signing, string scheme)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(signing, Url, Person, ProviderHost.AccountNumber, "id-2", DateTimeOffset.UtcNow, scheme));

        response.StatusCode.Should().Be(signing == InboundCase.NoSignature ? Fixture.UnsignedStatus(scheme) : HttpStatusCode.Forbidden);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse();
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task A_replayed_webhook_changes_nothing(string scheme)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var now = DateTimeOffset.UtcNow;
        var first = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, Url, Person, ProviderHost.AccountNumber, "id-4", now, scheme));
        await host.Services.GetRequiredOptOutService().OptInAsync(new SmsOptOut.Consent.ConsentRequest(ProviderHost.Account, Person, SmsOptOut.Consent.OptOutSource.Api));

        var replay = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, Url, Person, ProviderHost.AccountNumber, "id-4", now, scheme));

        first.IsSuccessStatusCode.Should().BeTrue();
        if (Fixture.CapabilitiesOf(scheme).HasFlag(ProviderCapabilities.ReplayGuard))
        {
            replay.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the one-time value was used");
        }

        (await host.IsSuppressedAsync(Person)).Should().BeFalse("the replayed opt-out is the one already recorded, so the later opt-in stands");
        (await host.HistoryAsync(Person)).Should().HaveCount(2);
    }
}
