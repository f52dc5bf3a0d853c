using System.Net;
using FluentAssertions;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>For providers whose signature covers the body: a body changed after signing is refused.</summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite(Requires = ProviderCapabilities.SignedBody)]
public abstract class ProviderSignedBodyTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    /// <summary>Every signature scheme of the provider that covers the body.</summary>
    public static TheoryData<string> Schemes => [.. new TFixture().SchemesWith(ProviderCapabilities.SignedBody)];

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task A_tampered_body_is_refused_with_403_and_nothing_is_recorded(string scheme)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var person = PhoneNumber.Parse("+14155552671");

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.TamperedBody, ProviderHost.InboundUrl(Fixture), person, ProviderHost.AccountNumber, "id-5", DateTimeOffset.UtcNow, scheme));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(person)).Should().BeEmpty();
    }
}
