using FluentAssertions;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>For providers whose send API refuses a recipient who opted out with them: the refusal is reported as an opt-out.</summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite(Requires = ProviderCapabilities.SynchronousOptOutError)]
public abstract class ProviderOptOutErrorTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    [Fact]
    public virtual async Task A_recipient_who_opted_out_with_the_provider_is_reported_as_such_and_becomes_an_opt_out()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(Fixture.OptedOut ?? throw new InvalidOperationException($"{Fixture.Name}'s fixture declares SynchronousOptOutError but no OptedOut answer."));
        var to = PhoneNumber.Parse("+14155552671");

        var result = await host.Transport.SendAsync(new SmsMessage(to, "Hi") { Account = ProviderHost.Account });
        var send = await host.SendAsync(to);

        result.Status.Should().Be(SmsSendStatus.RecipientOptedOut);
        result.ProviderErrorCode.Should().Be(Fixture.OptedOutCode);
        send.Status.Should().Be(RecipientStatus.OptedOutAtProvider);
        var history = await host.HistoryAsync(to);
        history.Should().ContainSingle().Which.Source.Should().Be(SmsOptOut.Consent.OptOutSource.ProviderError);
        history[0].Evidence.ProviderName.Should().Be(Fixture.Name);
    }
}
