using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// Consents with a basis and an expiry as the tool shows them: <c>consents --expiring</c> lists the implied ones that
/// lapse soon, soonest first; <c>history</c> names the basis and the expiry.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ConsentCommandTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    [Fact]
    public async Task Consents_lists_the_implied_consents_that_lapse_soon_and_history_shows_basis_and_expiry()
    {
        await ImportAsync("number\n+12125550199\n");
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(
            new OptInRequest(new AccountId("acme"), PhoneNumber.Parse("+12125550100")) { Basis = ConsentBasis.Inquiry, BasisAt = now.AddDays(-80) },
            new OptInRequest(new AccountId("acme"), PhoneNumber.Parse("+12125550101")) { Basis = ConsentBasis.Purchase, BasisAt = now.AddDays(-10) },
            new OptInRequest(new AccountId("acme"), PhoneNumber.Parse("+12125550102")) { Basis = ConsentBasis.Inquiry, BasisAt = now.AddDays(-85) },
            new OptInRequest(new AccountId("acme"), PhoneNumber.Parse("+12125550103")));

        var soon = await RunAsync("consents", "--expiring", "30");
        var json = await RunAsync("consents", "--expiring", "30", "--json");
        var history = await RunAsync("history", "+12125550101");
        var historyJson = await RunAsync("history", "+12125550100", "--json");

        soon.ExitCode.Should().Be(0, soon.Error);
        soon.Output.Should().Contain("2 consent(s) in account acme expire within 30 days");
        soon.Output.IndexOf("+12125550102", StringComparison.Ordinal).Should().BeLessThan(soon.Output.IndexOf("+12125550100", StringComparison.Ordinal), "soonest first");
        soon.Output.Should().NotContain("+12125550101").And.NotContain("+12125550103");
        Schemas.ShouldMatch(json.Output, "consents");
        var listed = Parse(json.Output).GetProperty("consents");
        listed.GetArrayLength().Should().Be(2);
        listed[0].GetProperty("basis").GetString().Should().Be("inquiry");
        DateTimeOffset.Parse(listed[0].GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(now.AddDays(-85).AddMonths(3), TimeSpan.FromSeconds(1));
        history.Output.Should().Contain("consent: opted-in (purchase) since").And.Contain(", expires ");
        Schemas.ShouldMatch(historyJson.Output, "history");
        Parse(historyJson.Output).GetProperty("consent").GetProperty("basis").GetString().Should().Be("inquiry");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    public async Task A_window_out_of_range_is_refused_naming_it(string days)
    {
        await ImportAsync("number\n+12125550199\n");

        var run = await RunAsync("consents", "--expiring", days);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"--expiring {days}: expected a number of days from 1 to 3650.");
    }

    private async Task RecordAsync(params OptInRequest[] requests)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(_ => { }).UseSqlite($"Data Source={Database}");
        await using var provider = services.BuildServiceProvider();
        var optIns = provider.GetRequiredService<IOptInService>();
        foreach (var request in requests)
        {
            (await optIns.RecordOptInAsync(request)).Should().BeTrue();
        }
    }
}
