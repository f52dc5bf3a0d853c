using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// What a new user found hard to read, fixed: the chart's legend and day labels that never overlap, a table of only the
/// days that had changes, counts by the day recorded or the day occurred (said on the page), words instead of enum
/// names, only the actions that would change something, and how to set a callback URL when there is none.
/// </summary>
public sealed partial class DashboardReadabilityTests
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [Theory]
    [InlineData(7, 1)]
    [InlineData(30, 2)]
    [InlineData(90, 6)]
    public async Task The_chart_has_a_legend_and_day_labels_that_do_not_overlap_and_the_table_lists_only_days_with_changes(int days, int every)
    {
        await using var host = await DashboardHost.StartAsync();
        var today = DateTimeOffset.UtcNow;
        foreach (var (daysAgo, i) in new[] { (0, 0), (2, 1), (2, 2), (5, 3) })
        {
            await host.Store.ApplyAsync(DashboardListTests.Event(PhoneNumber.Parse($"+1212555{i:D4}"), today.AddDays(-daysAgo), OptOutSource.Keyword), []);
        }

        using var client = DashboardListTests.Client(host, "agent.smith");
        var page = await client.GetStringAsync($"/secure-admin/?account=acme&days={days}");
        var labels = DayLabel().Matches(page).Select(m => (X: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Text: m.Groups[2].Value)).ToList();

        page.Should().Contain("<ul class=\"legend\" aria-hidden=\"true\"><li><span class=\"swatch out\"></span>Opt-outs</li><li><span class=\"swatch in\"></span>Opt-ins</li></ul>");
        labels.Should().HaveCount(((days - 1) / every) + 1, "every {0}th day is labelled", every);
        labels[^1].Text.Should().Be(today.ToString("d MMM", CultureInfo.InvariantCulture), "the last day, today, always has its label");
        labels.Zip(labels.Skip(1)).Should().OnlyContain(p => p.Second.X - p.First.X >= 40, "labels of about 32 units never touch");
        Regex.Matches(page, "<text class=\"tick\"[^>]*>([0-9,]+)</text>").Select(m => m.Groups[1].Value).Should().Equal("0", "1", "2", "3", "4");
        if (days == 90)
        {
            // Ninety rows of days would not be read: the weeks (Monday to Sunday) that had changes, newest first.
            var weeks = new[] { 0, 2, 5 }.Select(d => today.AddDays(-d).Date).Select(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))).Distinct().ToList();
            Regex.Matches(page, "<tr data-week=\"([0-9-]+)\">").Select(m => m.Groups[1].Value).Should().Equal(weeks.Select(w => w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            page.Should().Contain($"Weeks with consent changes (Monday to Sunday, UTC days), newest first ({weeks.Count} of ").And.NotContain("<tr data-day=");
        }
        else
        {
            Regex.Matches(page, "<tr data-day=\"([0-9-]+)\">").Select(m => m.Groups[1].Value).Should().Equal(
                [.. new[] { 0, 2, 5 }.Select(d => today.AddDays(-d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], "only the days that had changes, newest first");
            page.Should().Contain($"Days with consent changes, newest first (3 of {days}; days without any are left out)");
        }

        page.Should().Contain("<tfoot><tr><td>total</td><td class=\"n\">0</td><td class=\"n\">4</td>")
            .And.Contain("<th class=\"n\" scope=\"col\" title=\"the person replied STOP (or another opt-out word)\">keyword reply</th>");
    }

    [Fact]
    public async Task The_counts_are_by_the_day_recorded_and_the_page_offers_the_day_occurred()
    {
        await using var host = await DashboardHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await host.Store.ApplyAsync(DashboardListTests.Event(PhoneNumber.Parse("+12125550001"), now, OptOutSource.Import) with { OccurredAt = now.AddDays(-10) }, []);
        await host.Store.ApplyAsync(DashboardListTests.Event(PhoneNumber.Parse("+12125550002"), now, OptOutSource.Import) with { OccurredAt = now.AddDays(-400) }, []);
        using var client = DashboardListTests.Client(host, "agent.smith");

        var recorded = await client.GetStringAsync("/secure-admin/?account=acme&days=30");
        var occurred = await client.GetStringAsync("/secure-admin/?account=acme&days=30&by=occurred");

        Bar(recorded, now).Should().Be(2, "both imports were recorded today");
        Bar(recorded, now.AddDays(-10)).Should().Be(0);
        recorded.Should().Contain("Each change counts on the UTC day it was recorded").And.Contain("<div id=\"opt-outs\"><b>2</b>opt-outs in 30 days</div>")
            .And.Contain(">the day it was recorded</a>").And.Contain("href=\"/secure-admin/?account=acme&amp;days=30&amp;by=occurred\"");
        Bar(occurred, now).Should().Be(0);
        Bar(occurred, now.AddDays(-10)).Should().Be(1, "the import's own date");
        occurred.Should().Contain("Each change counts on the UTC day it occurred").And.Contain("<div id=\"opt-outs\"><b>1</b>opt-outs in 30 days</div>", "the other occurred long before the period")
            .And.Contain("<input type=\"hidden\" name=\"by\" value=\"occurred\">", "the period picker keeps the choice");
    }

    [Fact]
    public async Task The_lookup_offers_only_the_actions_that_change_something_and_names_every_state_in_words()
    {
        await using var host = await DashboardHost.StartAsync();
        var optOut = host.Services.GetRequiredService<IOptOutService>();
        var optedIn = PhoneNumber.Parse("+14155552672");
        var listOnly = PhoneNumber.Parse("+14155552673");
        await optOut.OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.OptOutLink));
        await optOut.OptOutAsync(new ConsentRequest(LandingHost.Account, optedIn, OptOutSource.ProviderError));
        await optOut.OptInAsync(new ConsentRequest(LandingHost.Account, optedIn, OptOutSource.Keyword));
        await optOut.OptOutAsync(new ConsentRequest(LandingHost.Account, listOnly, OptOutSource.Keyword) { Scope = SuppressionScope.List, List = LandingHost.List });

        var neverSeen = await LookUpAsync(host, "+1 415 555 2679");
        var suppressed = await LookUpAsync(host, Person.ToString());
        var afterOptIn = await LookUpAsync(host, optedIn.ToString());
        var inAList = await LookUpAsync(host, listOnly.ToString());

        neverSeen.Should().Contain("never seen in this account").And.Contain("action=\"/secure-admin/numbers/opt-out\"")
            .And.NotContain("/numbers/opt-in").And.NotContain("/numbers/erase").And.NotContain("id=\"access\"");
        suppressed.Should().Contain("Suppressed: no message").And.Contain(", by opt-out link</li>").And.Contain("/numbers/opt-in").And.Contain("/numbers/erase")
            .And.NotContain("action=\"/secure-admin/numbers/opt-out\"", "the number is suppressed already");
        afterOptIn.Should().Contain("Opt-in: opted in (single opt-in, not confirmed); express consent, since <time").And.Contain("<td>provider report</td>").And.Contain("<td>keyword reply</td>")
            .And.Contain("action=\"/secure-admin/numbers/opt-out\"").And.NotContain("/numbers/opt-in\"", "nothing suppresses it");
        inAList.Should().Contain("suppressed for the lists below").And.Contain("<li>list newsletter: since").And.Contain("/numbers/opt-in").And.Contain("/numbers/opt-out");
        foreach (var page in new[] { neverSeen, suppressed, afterOptIn, inAList })
        {
            page.Should().NotContainAny(["OptedIn", "OptOutLink", "ProviderError", ">Keyword<", ">Api<", "(UTC)"]);
        }
    }

    [Fact]
    public async Task Without_a_callback_URL_the_webhooks_page_says_how_to_set_one()
    {
        await using var host = await DashboardHost.StartAsync(core: o => o.Webhooks.CallbackUrl = null);
        using var client = DashboardListTests.Client(host, "agent.smith");

        var page = await client.GetStringAsync("/secure-admin/webhooks?account=acme");

        page.Should().Contain("None: this account's opt-outs are not sent anywhere").And.Contain("id=\"endpoint-howto\"")
            .And.Contain("o.Webhooks.CallbackUrl = new Uri(").And.Contain("SmsOptOut:Webhooks:CallbackUrl").And.Contain("IWebhookEndpointProvider")
            .And.NotContain("Send a test event");
    }

    /// <summary>Posts <paramref name="input"/> to the lookup and returns the page the redirect leads to.</summary>
    internal static async Task<string> LookUpAsync(LandingHost host, string input, string user = "agent.smith")
    {
        using var client = DashboardListTests.Client(host, user);
        var form = await client.GetAsync("/secure-admin/numbers?account=acme");
        var page = await form.Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var cookie = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/secure-admin/numbers")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", "acme"), new("number", input)]),
        };
        post.Headers.Add("Cookie", cookie);
        var redirect = await client.SendAsync(post);
        return await client.GetStringAsync(redirect.Headers.Location);
    }

    private static long Bar(string page, DateTimeOffset day) =>
        long.Parse(Regex.Match(page, $"<rect class=\"bar\" data-day=\"{day:yyyy-MM-dd}\" data-count=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("<text class=\"day\" x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"middle\">([^<]+)</text>")]
    private static partial Regex DayLabel();
}
