using SmsOptOut.Providers;

namespace SmsOptOut.Tests.Providers;

public sealed class ProviderRetryPolicyTests
{
    [Fact]
    public void Usable_settings_have_no_failures()
    {
        new ProviderRetryPolicy("p", "P", TimeSpan.FromSeconds(30), 3, TimeSpan.Zero).Validate("POptions").Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, 3, 0, "POptions.RequestTimeout")]
    [InlineData(30, 0, 0, "POptions.MaxAttempts 0 must be 1 to 10")]
    [InlineData(30, 11, 0, "POptions.MaxAttempts 11")]
    [InlineData(30, 3, -1, "POptions.MaxRetryDelay")]
    public void Each_unusable_setting_is_named(int timeoutSeconds, int attempts, int delaySeconds, string expected)
    {
        var failures = new ProviderRetryPolicy("p", "P", TimeSpan.FromSeconds(timeoutSeconds), attempts, TimeSpan.FromSeconds(delaySeconds)).Validate("POptions");

        failures.Should().ContainSingle().Which.Should().Contain(expected);
    }
}
