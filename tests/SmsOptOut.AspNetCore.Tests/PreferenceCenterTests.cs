using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The preference center over Kestrel and SQLite, acme's turned on (its lists from the host, pauses of 30 and 90 days),
/// globex's off: "Unsubscribe from everything" comes first and is what a bare POST does; a list left is a list-scoped
/// event with a webhook that says so; a pause is an opt-out with an end that lifts itself on the clock; a GET changes
/// nothing; anything the center did not offer opts out of everything.
/// </summary>
public sealed class PreferenceCenterTests
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+14155552671");
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_center_offers_everything_first_then_the_lists_the_recipient_is_on_then_the_pauses_and_another_tenant_keeps_the_plain_page()
    {
        // The pauses' end dates are the clock's: a fixed one, so the dates below hold on any day.
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var acme = await Html(host, Tenants.AcmeHost, await Tenants.TokenAsync(host, Tenants.Acme, Number));
        var globex = await Html(host, Tenants.GlobexHost, await Tenants.TokenAsync(host, Tenants.Globex, Number));

        acme.Should().Contain("<h1>Your text messages from Acme Outdoor</h1>").And.NotContain("<script");
        var everything = acme.IndexOf("<form method=\"post\"><button type=\"submit\" class=\"large\">Unsubscribe from everything</button></form>", StringComparison.Ordinal);
        everything.Should().BePositive();
        acme.IndexOf("name=\"leave\"", StringComparison.Ordinal).Should().BeGreaterThan(everything);
        acme.IndexOf("name=\"days\"", StringComparison.Ordinal).Should().BeGreaterThan(acme.IndexOf("name=\"leave\"", StringComparison.Ordinal));
        acme.Should().Contain("<label><input type=\"checkbox\" name=\"leave\" value=\"news\">Weekly news</label>")
            .And.Contain("value=\"offers\">Offers &amp; &lt;deals&gt;</label>")
            .And.Contain("<label><input type=\"radio\" name=\"days\" value=\"30\" checked>Until January 6, 2027</label>")
            .And.Contain("<label><input type=\"radio\" name=\"days\" value=\"90\">Until March 7, 2027</label>");
        globex.Should().Contain("<h1>Unsubscribe from Globex Corporation text messages</h1>").And.NotContain("name=\"leave\"").And.NotContain("name=\"days\"");
        (await host.HistoryAsync(Number)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1)")]
    [InlineData("facebookexternalhit/1.1")]
    [InlineData("WhatsApp/2.23.20.0")]
    [InlineData("Slackbot-LinkExpanding 1.0")]
    public async Task A_link_preview_opening_the_center_changes_nothing(string userAgent)
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/u/{await Tenants.TokenAsync(host, Tenants.Acme, Number)}");
        request.Headers.Host = Tenants.AcmeHost;
        request.Headers.UserAgent.ParseAdd(userAgent);

        (await host.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_bare_POST_opts_out_of_everything_and_its_webhook_is_the_legacy_body()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);

        var response = await PostAsync(host, token, []);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed").And.Contain("name=\"action\" value=\"resubscribe\"");
        var e = (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().ContainSingle().Subject;
        (e.Kind, e.Scope, e.Source, e.PausedUntil).Should().Be((ConsentKind.OptOut, SuppressionScope.Account, OptOutSource.OptOutLink, (DateTimeOffset?)null));
        (await Payloads(host, time)).Should().ContainSingle().Which.Should().Be(
            "{\"timestamp\":\"2026-12-07T09:30:00Z\",\"unsubscribed_number\":\"+14155552671\",\"source\":\"Optout Link\"}");
    }

    [Fact]
    public async Task Leaving_lists_records_one_list_scoped_event_each_with_a_webhook_that_names_the_list_and_keeps_everything_else_one_tap_away()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);

        var response = await PostAsync(host, token, [new("action", "lists"), new("leave", "offers"), new("leave", "events"), new("leave", "not-offered")]);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<h1>Your choices are saved</h1>")
            .And.Contain("You will no longer receive these messages from Acme Outdoor: Offers &amp; &lt;deals&gt;, Store events.")
            .And.Contain("Unsubscribe from everything").And.Contain("value=\"news\">Weekly news").And.NotContain("value=\"offers\"");
        var history = await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync();
        history.Select(e => (e.Scope, e.List?.Value)).Should().BeEquivalentTo(new[] { (SuppressionScope.List, "offers"), (SuppressionScope.List, "events") });
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeFalse();
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number, new ListId("offers"))).Should().BeTrue();
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number, new ListId("not-offered"))).Should().BeFalse("a list the center did not offer is never written");
        (await Payloads(host, time)).Should().HaveCount(2).And.Contain(
            "{\"timestamp\":\"2026-12-07T09:30:00Z\",\"unsubscribed_number\":\"+14155552671\",\"source\":\"Optout Link\",\"scope\":\"list\",\"list\":\"offers\"}");
        (await Html(host, Tenants.AcmeHost, token)).Should().Contain("value=\"news\"").And.NotContain("value=\"offers\"").And.NotContain("value=\"events\"");
    }

    [Fact]
    public async Task Pressing_leave_with_no_list_checked_changes_nothing_and_says_so()
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);

        var response = await PostAsync(host, token, [new("action", "lists")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Select at least one list to leave. Nothing was changed.");
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_pause_suppresses_until_its_end_then_lifts_itself_on_the_clock_and_its_webhook_carries_the_end()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        await PostAsync(host, token, [new("action", "lists"), new("leave", "offers")]);

        var response = await PostAsync(host, token, [new("action", "pause"), new("days", "30")]);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Acme Outdoor will send you no text messages until January 6, 2027.").And.Contain("Unsubscribe from everything").And.NotContain("name=\"days\"");
        var pause = (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Last();
        var end = new DateTimeOffset(2027, 1, 7, 12, 0, 0, TimeSpan.Zero);
        pause.PausedUntil.Should().Be(end, "the pause covers the whole of January 6 everywhere: it ends at midnight at UTC−12");
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeTrue();
        (await Payloads(host, time)).Should().Contain(p => p.EndsWith("\"scope\":\"pause\",\"paused_until\":\"2027-01-07T12:00:00Z\"}", StringComparison.Ordinal));

        // The host's own sweeper, every minute on the fake clock: one minute early the number is still paused.
        time.Advance(end - Start - TimeSpan.FromMinutes(1));
        await Task.Delay(200);
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeTrue();
        time.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await host.Store.IsSuppressedAsync(Tenants.Acme, Number) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeFalse();
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number, new ListId("offers"))).Should().BeTrue("the list left before the pause stays left");
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Last().Reverts.Should().Be(pause.EventId);
    }

    [Fact]
    public async Task The_undo_takes_back_the_full_opt_out_alone_and_the_lists_left_before_stay_left()
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        await PostAsync(host, token, [new("action", "lists"), new("leave", "offers")]);
        var confirmation = await (await PostAsync(host, token, [])).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(confirmation, "name=\"undo\" value=\"([0-9a-f]{32})\"").Groups[1].Value;

        var undone = await (await PostAsync(host, token, [new("action", "resubscribe"), new("undo", code)])).Content.ReadAsStringAsync();

        undone.Should().Contain("You are subscribed again").And.Contain("Unsubscribe from everything", "the center is shown again").And.NotContain("value=\"offers\"");
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeFalse();
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number, new ListId("offers"))).Should().BeTrue("the undo took back the last opt-out, not the list left before it");
    }

    [Fact]
    public async Task Unsubscribing_from_everything_while_paused_offers_no_undo_that_would_end_the_pause()
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        await PostAsync(host, token, [new("action", "pause"), new("days", "90")]);

        var confirmation = await (await PostAsync(host, token, [])).Content.ReadAsStringAsync();

        confirmation.Should().Contain("You are unsubscribed").And.NotContain("resubscribe");
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Last().PausedUntil.Should().BeNull("the opt-out made the pause permanent");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00000000000000000000000000000000")]
    public async Task An_undo_without_a_valid_code_opts_out_like_any_other_body(string? code)
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        var fields = new List<KeyValuePair<string, string>> { new("action", "resubscribe") };
        if (code is not null)
        {
            fields.Add(new("undo", code));
        }

        var response = await (await PostAsync(host, token, fields)).Content.ReadAsStringAsync();

        response.Should().Contain("You are unsubscribed");
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number)).Should().BeTrue("the page says so, and the store agrees");
    }

    [Fact]
    public async Task Leaving_lists_when_none_is_left_to_leave_shows_the_center_without_a_complaint()
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        await PostAsync(host, token, [new("action", "lists"), new("leave", "news"), new("leave", "offers"), new("leave", "events")]);

        var again = await (await PostAsync(host, token, [new("action", "lists"), new("leave", "news")])).Content.ReadAsStringAsync();

        again.Should().Contain("Unsubscribe from everything with one tap").And.NotContain("Select at least one list");
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().HaveCount(3);
    }

    [Theory]
    [InlineData("365")]
    [InlineData("-30")]
    [InlineData("thirty")]
    [InlineData("")]
    public async Task A_pause_the_account_does_not_offer_opts_out_of_everything(string days)
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);

        await PostAsync(host, token, [new("action", "pause"), new("days", days)]);

        var e = (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().ContainSingle().Subject;
        e.PausedUntil.Should().BeNull();
        e.Scope.Should().Be(SuppressionScope.Account);
    }

    [Fact]
    public async Task A_pause_never_weakens_an_opt_out_already_made()
    {
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        await PostAsync(host, token, []);

        var response = await PostAsync(host, token, [new("action", "pause"), new("days", "30")]);

        (await response.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed").And.NotContain("resubscribe");
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().ContainSingle().Which.PausedUntil.Should().BeNull();
    }

    private static Task<LandingHost> StartAsync(TimeProvider? time = null) => Tenants.StartAsync(
        core: o =>
        {
            o.Accounts[Tenants.Acme.Value].Configure += c =>
            {
                c.PreferenceCenter.Enabled = true;
                c.PreferenceCenter.PauseCheckInterval = TimeSpan.FromMinutes(1);
                c.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(90));
                c.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(30));
            };
        },
        services: s => s.AddSingleton<IPreferenceListProvider, RecipientLists>(),
        time: time);

    private static async Task<string> Html(LandingHost host, string hostName, string token) =>
        await (await Tenants.GetAsync(host, hostName, $"/u/{token}", "en")).Content.ReadAsStringAsync();

    private static async Task<HttpResponseMessage> PostAsync(LandingHost host, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/u/{token}") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Host = Tenants.AcmeHost;
        post.Headers.AcceptLanguage.ParseAdd("en");
        return await host.Client.SendAsync(post);
    }

    private static async Task<List<string>> Payloads(LandingHost host, TimeProvider time) =>
        [.. (await host.Outbox.ClaimDueAsync("test", time.GetUtcNow().AddDays(400), TimeSpan.FromMinutes(1), 100)).Select(m => m.Payload)];
}
