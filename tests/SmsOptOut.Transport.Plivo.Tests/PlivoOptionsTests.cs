using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>The options checked at startup (and per account): the main account's token and the replay window.</summary>
public sealed class PlivoOptionsTests
{
    private static PlivoOptions Valid() => new() { AuthId = PlivoFixture.AuthId, AuthToken = PlivoFixture.AuthToken, From = "+18005550100" };

    private static IEnumerable<string> Failures(PlivoOptions options) => new PlivoOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_replay_window_defaults_to_an_hour_and_may_not_be_shorter_than_Plivos_retry_window()
    {
        new PlivoOptions().ReplayWindow.Should().Be(TimeSpan.FromHours(1));
        PlivoProvider.RetryWindow.Should().Be(TimeSpan.FromMinutes(7), "Plivo retries 60, 120 and 240 seconds apart");

        var tooShort = Valid();
        tooShort.ReplayWindow = TimeSpan.FromMinutes(7) - TimeSpan.FromSeconds(1);
        var justEnough = Valid();
        justEnough.ReplayWindow = TimeSpan.FromMinutes(7);

        Failures(tooShort).Should().ContainSingle().Which.Should().Contain("PlivoOptions.ReplayWindow 00:06:59").And.Contain("at least 00:07:00");
        Failures(justEnough).Should().BeEmpty();
        Failures(Valid()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_main_account_token_is_refused_naming_it(string blank)
    {
        var options = Valid();
        options.MainAccountAuthToken = blank;

        Failures(options).Should().ContainSingle().Which.Should().StartWith("PlivoOptions.MainAccountAuthToken is empty");
    }

    [Fact]
    public void A_main_account_token_is_for_a_subaccount()
    {
        var subaccount = Valid();
        subaccount.MainAccountAuthToken = PlivoFixture.MainAccountAuthToken;
        var mainAccount = Valid();
        mainAccount.AuthId = "MAODUZYTQ0Y2FMYJBLOW";
        mainAccount.MainAccountAuthToken = PlivoFixture.MainAccountAuthToken;
        var mainAccountRepeatingItsToken = Valid();
        mainAccountRepeatingItsToken.AuthId = "MAODUZYTQ0Y2FMYJBLOW";
        mainAccountRepeatingItsToken.MainAccountAuthToken = PlivoFixture.AuthToken;

        Failures(subaccount).Should().BeEmpty();
        Failures(mainAccount).Should().ContainSingle().Which.Should().Contain("MainAccountAuthToken").And.Contain("'MAODUZYTQ0Y2FMYJBLOW' is a main account")
            .And.NotContain(PlivoFixture.MainAccountAuthToken);
        Failures(mainAccountRepeatingItsToken).Should().BeEmpty();
    }
}
