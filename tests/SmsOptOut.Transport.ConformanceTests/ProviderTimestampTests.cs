using System.Net;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>For providers that sign a timestamp: a webhook older than the tolerance is refused.</summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite(Requires = ProviderCapabilities.SignedTimestamp)]
public abstract class ProviderTimestampTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    /// <summary>Every signature scheme of the provider that signs a timestamp.</summary>
    public static TheoryData<string> Schemes => [.. new TFixture().SchemesWith(ProviderCapabilities.SignedTimestamp)];

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task An_expired_webhook_is_refused_with_403_and_nothing_is_recorded(string scheme)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);
        var person = PhoneNumber.Parse("+14155552671");

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Expired, ProviderHost.InboundUrl(Fixture), person, ProviderHost.AccountNumber, "id-6", time.GetUtcNow(), scheme));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(person)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task A_retry_signed_inside_the_providers_documented_window_is_accepted(string scheme)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);
        var person = PhoneNumber.Parse("+14155552671");
        var signedAt = time.GetUtcNow() - Fixture.AcceptedAge + TimeSpan.FromMinutes(1);

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), person, ProviderHost.AccountNumber, "id-7", signedAt, scheme));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(person)).Should().BeTrue($"the provider may retry a webhook {Fixture.AcceptedAge} after its first attempt");
    }
}
