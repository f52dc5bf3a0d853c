using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;
using SmsOptOut.Webhooks.Internal;

namespace SmsOptOut.Tests.Webhooks;

public class WebhookPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 6, 14, 8, TimeSpan.Zero);

    private static ConsentEvent Event(OptOutSource source, ConsentKind kind = ConsentKind.OptOut) => new()
    {
        EventId = "evt_1", Account = new AccountId("acme"), Number = PhoneNumber.Parse("+4917612345678"), Kind = kind, Source = source,
        OccurredAt = At, RecordedAt = At.AddSeconds(2), List = new ListId("news"), Campaign = new CampaignId("c-1"),
    };

    [Theory]
    [InlineData(OptOutSource.OptOutLink, "Optout Link")]
    [InlineData(OptOutSource.Keyword, "TollFree number")]
    [InlineData(OptOutSource.Api, "API")]
    [InlineData(OptOutSource.Import, "Import")]
    [InlineData(OptOutSource.ProviderError, "Provider")]
    public void The_legacy_body_is_byte_compatible(OptOutSource source, string text)
    {
        WebhookPayloadWriter.Write(Event(source), new WebhookOptions())
            .Should().Be($"{{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"{text}\"}}");
    }

    [Theory]
    [InlineData(OptOutSource.OptOutLink, "Optout+Link")]
    [InlineData(OptOutSource.Keyword, "TollFree+number")]
    public void The_form_encoded_body_carries_the_legacy_fields_as_SMS_to_posts_them(OptOutSource source, string text)
    {
        var options = new WebhookOptions { Format = WebhookPayloadFormat.FormEncoded };

        var body = WebhookPayloadWriter.Write(Event(source), options);

        body.Should().Be($"timestamp=2026-11-27T06%3A14%3A08Z&unsubscribed_number=%2B4917612345678&source={text}");
        WebhookPayloadWriter.MediaType(body).Should().Be("application/x-www-form-urlencoded");
        var fields = System.Web.HttpUtility.ParseQueryString(body);
        fields["unsubscribed_number"].Should().Be("+4917612345678");
        fields["timestamp"].Should().Be("2026-11-27T06:14:08Z");

        options.IncludeDetails = true;
        var detailed = System.Web.HttpUtility.ParseQueryString(WebhookPayloadWriter.Write(Event(source), options));
        detailed["account"].Should().Be("acme");
        detailed["list"].Should().Be("news");
        detailed["event_id"].Should().Be("evt_1");
    }

    [Fact]
    public void The_envelope_wraps_the_same_fields_and_details_appear_only_when_enabled()
    {
        var options = new WebhookOptions { Format = WebhookPayloadFormat.StandardEnvelope };
        WebhookPayloadWriter.Write(Event(OptOutSource.OptOutLink), options).Should().Be(
            "{\"type\":\"optout.created\",\"timestamp\":\"2026-11-27T06:14:10Z\",\"data\":{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\"}}");

        options.IncludeDetails = true;
        WebhookPayloadWriter.Write(Event(OptOutSource.Keyword), options).Should().Be(
            "{\"type\":\"optout.created\",\"timestamp\":\"2026-11-27T06:14:10Z\",\"data\":{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"TollFree number\",\"scope\":\"account\",\"account\":\"acme\",\"list\":\"news\",\"campaign\":\"c-1\",\"event_id\":\"evt_1\"}}");
    }

    [Fact]
    public void A_list_scoped_opt_out_says_so_in_every_format_so_no_receiver_takes_it_for_a_full_opt_out()
    {
        var left = Event(OptOutSource.OptOutLink) with { Scope = SuppressionScope.List };

        WebhookPayloadWriter.Write(left, new WebhookOptions()).Should().Be(
            "{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\",\"scope\":\"list\",\"list\":\"news\"}");
        WebhookPayloadWriter.Write(left, new WebhookOptions { Format = WebhookPayloadFormat.FormEncoded }).Should().Be(
            "timestamp=2026-11-27T06%3A14%3A08Z&unsubscribed_number=%2B4917612345678&source=Optout+Link&scope=list&list=news");
        var detailed = WebhookPayloadWriter.Write(left, new WebhookOptions { Format = WebhookPayloadFormat.StandardEnvelope, IncludeDetails = true });
        detailed.Should().Contain("\"scope\":\"list\",\"account\":\"acme\",\"list\":\"news\"");
        System.Text.Json.JsonDocument.Parse(detailed).RootElement.GetProperty("data").EnumerateObject().Count(p => p.Name == "list").Should().Be(1);
    }

    [Fact]
    public void A_pause_carries_its_end_and_the_opt_in_that_ends_it_names_the_pause()
    {
        var pause = Event(OptOutSource.OptOutLink) with { List = null, PausedUntil = At.AddDays(30) };

        WebhookPayloadWriter.Write(pause, new WebhookOptions()).Should().Be(
            "{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\",\"scope\":\"pause\",\"paused_until\":\"2026-12-27T06:14:08Z\"}");
        WebhookPayloadWriter.Write(pause, new WebhookOptions { Format = WebhookPayloadFormat.FormEncoded }).Should().EndWith(
            "&scope=pause&paused_until=2026-12-27T06%3A14%3A08Z");

        var ended = Event(OptOutSource.OptOutLink, ConsentKind.OptIn) with { List = null, Reverts = "evt_pause" };
        WebhookPayloadWriter.Write(ended, new WebhookOptions { Format = WebhookPayloadFormat.StandardEnvelope, IncludeOptIns = true }).Should().Be(
            "{\"type\":\"optin.created\",\"timestamp\":\"2026-11-27T06:14:10Z\",\"data\":{\"timestamp\":\"2026-11-27T06:14:08Z\",\"subscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\",\"scope\":\"account\",\"reverts\":\"evt_pause\"}}");
    }

    [Fact]
    public async Task An_opt_out_owes_one_webhook_only_when_the_account_has_a_callback_url()
    {
        await using var with = Services(o =>
        {
            o.Webhooks.CallbackUrl = new Uri("https://hooks.example.com/optout");
            o.Webhooks.Secrets.Add(WebhookSecret.Generate());
        });
        await using var without = Services(_ => { });

        foreach (var services in new[] { with, without })
        {
            await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(new AccountId("acme"), PhoneNumber.Parse("+4917612345678"), OptOutSource.OptOutLink));
            await services.GetRequiredService<IOptOutService>().OptInAsync(new ConsentRequest(new AccountId("acme"), PhoneNumber.Parse("+4917612345678"), OptOutSource.OptOutLink));
        }

        (await with.GetRequiredService<IWebhookOutboxStore>().CountAsync()).Pending.Should().Be(1, "one opt-out; legacy receivers get no opt-ins");
        (await without.GetRequiredService<IWebhookOutboxStore>().CountAsync()).Should().Be(new OutboxCounts(0, 0, 0), "no callback URL: nothing owed, nothing stored");
        var message = (await with.GetRequiredService<IWebhookOutboxStore>().ClaimDueAsync("t", DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.FromMinutes(1), 10)).Single();
        message.Id.Should().MatchRegex("^msg_[0-9a-f]{32}$");
        message.Payload.Should().Be("{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\"}");
    }

    [Fact]
    public async Task Opt_ins_are_sent_only_in_the_envelope_when_asked_for()
    {
        await using var services = Services(o =>
        {
            o.Webhooks.CallbackUrl = new Uri("https://hooks.example.com/optout");
            o.Webhooks.Secrets.Add(WebhookSecret.Generate());
            o.Webhooks.Format = WebhookPayloadFormat.StandardEnvelope;
            o.Webhooks.IncludeOptIns = true;
        });
        var optOut = services.GetRequiredService<IOptOutService>();
        await optOut.OptOutAsync(new ConsentRequest(new AccountId("acme"), PhoneNumber.Parse("+4917612345678"), OptOutSource.Keyword));
        await optOut.OptInAsync(new ConsentRequest(new AccountId("acme"), PhoneNumber.Parse("+4917612345678"), OptOutSource.Keyword));

        var messages = await services.GetRequiredService<IWebhookOutboxStore>().ClaimDueAsync("t", At.AddDays(1), TimeSpan.FromMinutes(1), 10);
        messages.Should().HaveCount(2);
        messages.Should().ContainSingle(m => m.Payload.StartsWith("{\"type\":\"optout.created\",", StringComparison.Ordinal));
        messages.Should().ContainSingle(m => m.Payload.StartsWith("{\"type\":\"optin.created\",", StringComparison.Ordinal) && m.Payload.Contains("\"subscribed_number\"", StringComparison.Ordinal));
    }

    private static ServiceProvider Services(Action<SmsOptOutOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(At));
        services.AddSmsOptOut(configure).UseInMemory();
        return services.BuildServiceProvider();
    }
}
