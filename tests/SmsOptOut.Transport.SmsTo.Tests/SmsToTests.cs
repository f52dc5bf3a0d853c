using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>What is particular to SMS.to: its request format, its two callbacks, and the two-way opt-out sync.</summary>
public sealed class SmsToTests
{
    private static readonly SmsToFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+35799123456");

    [Fact]
    public async Task A_message_is_posted_in_SMS_tos_format()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsToOptions>(o => o.StatusCallbackUrl = new Uri("https://opt.example/sms/inbound/smsto?secret=s")));
        host.Answer(Fixture.Sent);

        await host.Transport.SendAsync(new SmsMessage(Person, "Sale! Reply STOP to opt out") { Account = ProviderHost.Account });

        var request = host.Api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/sms/send");
        request.Header("authorization").Should().Be("Bearer " + SmsToFixture.ApiKey);
        request.Header("content-type").Should().StartWith("application/json");
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("message").GetString().Should().Be("Sale! Reply STOP to opt out");
        body.RootElement.GetProperty("to").GetString().Should().Be("+35799123456");
        body.RootElement.GetProperty("sender_id").GetString().Should().Be("Acme");
        body.RootElement.GetProperty("callback_url").GetString().Should().Be("https://opt.example/sms/inbound/smsto?secret=s");
    }

    [Theory]
    [InlineData("TollFree number", OptOutSource.Keyword)]
    [InlineData("Optout Link", OptOutSource.OptOutLink)]
    public async Task An_opt_out_callback_in_JSON_records_the_matching_source_and_its_evidence(string source, OptOutSource expected)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var json = $"{{\"timestamp\":\"2026-11-27 06:14:08\",\"unsubscribed_number\":\"+35799123456\",\"source\":\"{source}\"}}";

        var response = await host.Client.PostAsync("/sms/inbound/smsto?secret=" + SmsToFixture.Secret, new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(expected);
        e.OccurredAt.Should().Be(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
        e.Evidence.ProviderName.Should().Be("smsto");
        e.Evidence.Note.Should().Contain(source).And.Contain("2026-11-27 06:14:08");
    }

    [Fact]
    public async Task SMS_tos_hourly_retry_of_a_callback_changes_nothing()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = new Dictionary<string, string> { ["timestamp"] = "1795760048", ["unsubscribed_number"] = "35799123456", ["source"] = "TollFree number" };

        (await PostFormAsync(host, form)).StatusCode.Should().Be(HttpStatusCode.OK);
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        (await PostFormAsync(host, form)).StatusCode.Should().Be(HttpStatusCode.OK, "SMS.to wants a 200 for a callback it already sent");

        (await host.HistoryAsync(Person)).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("the retry is the same opt-out, not a new one");
    }

    [Theory]
    [InlineData("UNSUBSCRIBED", true)]
    [InlineData("DELIVERED", false)]
    [InlineData("FAILED", false)]
    public async Task A_status_callback_records_an_opt_out_only_for_an_unsubscribed_recipient(string status, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = new Dictionary<string, string>
        {
            ["trackingId"] = "t-1", ["messageId"] = "m-1", ["phone"] = "+35799123456", ["status"] = status, ["parts"] = "1", ["price"] = "0.015",
        };

        (await PostFormAsync(host, form)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await host.IsSuppressedAsync(Person)).Should().Be(optedOut);
        if (optedOut)
        {
            var e = (await host.HistoryAsync(Person)).Single();
            e.Source.Should().Be(OptOutSource.ProviderError);
            e.Evidence.ProviderMessageId.Should().Be("m-1");
            e.Evidence.ProviderErrorCode.Should().Be("UNSUBSCRIBED");
        }
    }

    [Fact]
    public async Task A_body_that_is_no_callback_of_SMS_tos_is_refused_with_400_naming_what_was_expected()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await PostFormAsync(host, new Dictionary<string, string> { ["hello"] = "world" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("unsubscribed_number");
    }

    [Fact]
    public async Task A_status_callback_with_an_absurdly_long_message_id_is_refused_with_400_and_nothing_is_recorded()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = new Dictionary<string, string> { ["messageId"] = new string('m', 5_000), ["phone"] = "+35799123456", ["status"] = "UNSUBSCRIBED" };

        var response = await PostFormAsync(host, form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("message id");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_callback_secret_every_callback_is_refused()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsToOptions>(o => o.CallbackSecret = null));

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "x", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("CallbackSecret");
    }

    [Fact]
    public async Task Opt_outs_recorded_here_reach_SMS_tos_opt_out_API_exactly_once_though_it_fails_30_percent_of_calls()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsOptOutOptions>(o => o.Webhooks.UseTestSchedule()));
        var applied = new ConcurrentDictionary<string, int>();
        var calls = 0;
        host.Api.Handle = async (request, context) =>
        {
            // Three calls in ten fail, never more than three in a row.
            if (Interlocked.Increment(ref calls) % 10 < 3)
            {
                context.Response.StatusCode = 500;
                return;
            }

            using var body = JsonDocument.Parse(request.Body);
            applied.AddOrUpdate($"{request.Path} {body.RootElement.GetProperty("phone").GetString()}", 1, (_, n) => n + 1);
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{\"success\":true}");
        };
        var optOut = host.Services.GetRequiredOptOutService();
        var numbers = Enumerable.Range(0, 40).Select(i => PhoneNumber.FromValue(35_799_100_000UL + (ulong)i)).ToArray();
        foreach (var number in numbers)
        {
            await optOut.OptOutAsync(new ConsentRequest(ProviderHost.Account, number, OptOutSource.Api));
        }

        await optOut.OptInAsync(new ConsentRequest(ProviderHost.Account, numbers[0], OptOutSource.Api));
        var dispatcher = host.Services.GetRequiredService<IOptOutWebhookDispatcher>();
        var outbox = host.Services.GetRequiredService<IWebhookOutboxStore>();
        await SmsOptOut.Testing.Eventually.TrueAsync(async () =>
        {
            await dispatcher.DeliverPendingNowAsync();
            return (await outbox.CountAsync()).Pending == 0;
        }, "every change to reach SMS.to", TimeSpan.FromSeconds(60));

        (await outbox.CountAsync()).DeadLettered.Should().Be(0);
        applied.Should().HaveCount(40);
        applied.Values.Should().AllBeEquivalentTo(1, "each change is applied once: a failed call applied nothing and is retried");
        applied.Keys.Should().Contain("/v1/people/contacts/optin +35799100000").And.Contain("/v1/people/contacts/optout +35799100039")
            .And.NotContain("/v1/people/contacts/optout +35799100000", "the number's opt-in was recorded before its opt-out was pushed: the newer state is the one SMS.to gets");
        host.Api.Requests.Should().AllSatisfy(r => r.Header("authorization").Should().Be("Bearer " + SmsToFixture.ApiKey));
        calls.Should().BeGreaterThan(40, "the failed calls were retried");
    }

    [Fact]
    public async Task An_opt_out_whose_push_failed_three_times_never_lands_after_the_opt_in_recorded_since()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsOptOutOptions>(o => o.Webhooks.UseTestSchedule()));
        var applied = new ConcurrentQueue<string>();
        var optOutCalls = 0;
        var optOutCallsAfterOptIn = 0;
        var optedIn = false;
        host.Api.Handle = async (request, context) =>
        {
            // The opt-out fails for as long as it is the newest state; the background dispatcher may try it more often
            // than the three rounds below on a loaded machine, so the test counts the calls made after the opt-in.
            if (request.Path.EndsWith("/optout", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref optOutCalls);
                if (!Volatile.Read(ref optedIn))
                {
                    context.Response.StatusCode = 500;
                    return;
                }

                Interlocked.Increment(ref optOutCallsAfterOptIn);
            }

            applied.Enqueue(request.Path);
            await context.Response.WriteAsync("{\"success\":true}");
        };
        var optOut = host.Services.GetRequiredOptOutService();
        var dispatcher = host.Services.GetRequiredService<IOptOutWebhookDispatcher>();
        var outbox = host.Services.GetRequiredService<IWebhookOutboxStore>();

        await optOut.OptOutAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DeliverPendingNowAsync();
        }

        await optOut.OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        Volatile.Write(ref optedIn, true);
        await SmsOptOut.Testing.Eventually.TrueAsync(async () =>
        {
            await dispatcher.DeliverPendingNowAsync();
            return (await outbox.CountAsync()).Pending == 0;
        }, "both pushes settled", TimeSpan.FromSeconds(30));

        optOutCalls.Should().BeGreaterThanOrEqualTo(3, "the opt-out was tried (and failed) at least three times while it was the newest state");
        optOutCallsAfterOptIn.Should().Be(0, "never after the opt-in");
        applied.Should().Equal(["/v1/people/contacts/optin"], "SMS.to ends with the newest consent: the opt-in");
        (await outbox.CountAsync()).DeadLettered.Should().Be(0);
        host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 1307);
    }

    [Fact]
    public async Task An_UNSUBSCRIBED_status_that_only_echoes_our_earlier_push_is_not_recorded_again()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var optOut = host.Services.GetRequiredOptOutService();
        var never = PhoneNumber.Parse("+35799123499");
        await optOut.OptOutAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        await optOut.OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));

        var echo = await PostFormAsync(host, Status("+35799123456", "m-echo"));
        var news = await PostFormAsync(host, Status("+35799123499", "m-news"));

        echo.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("SMS.to reports the opt-out we pushed before the person's opt-in, which it has yet to apply");
        (await host.HistoryAsync(Person)).Should().HaveCount(2);
        news.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(never)).Should().BeTrue("a number never opted out here: SMS.to's opt-out is news");
    }

    private static Dictionary<string, string> Status(string phone, string messageId) => new()
    {
        ["trackingId"] = "t-" + messageId, ["messageId"] = messageId, ["phone"] = phone, ["status"] = "UNSUBSCRIBED", ["parts"] = "1", ["price"] = "0.015",
    };

    [Fact]
    public async Task An_opt_out_SMS_to_reported_is_not_pushed_back_to_it()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(200, "{\"success\":true}"));

        await PostFormAsync(host, new Dictionary<string, string> { ["timestamp"] = "1795760048", ["unsubscribed_number"] = "35799123456", ["source"] = "Optout Link" });
        await host.Services.GetRequiredOptOutService().OptOutAsync(new ConsentRequest(ProviderHost.Account, PhoneNumber.Parse("+35799123457"), OptOutSource.Api));
        await host.Services.GetRequiredService<IOptOutWebhookDispatcher>().DeliverPendingNowAsync();

        host.Api.Requests.Should().ContainSingle("only the API opt-out is SMS.to's news").Which.Text.Should().Contain("+35799123457");
    }

    [Fact]
    public async Task With_pushes_turned_off_nothing_is_owed_to_SMS_to()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<SmsToOptions>(o => o.PushConsentChanges = false));

        await host.Services.GetRequiredOptOutService().OptOutAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));

        (await host.Services.GetRequiredService<IWebhookOutboxStore>().CountAsync()).Pending.Should().Be(0);
    }

    [Fact]
    public async Task A_tenants_own_callback_url_is_checked_against_its_own_secret()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.UseProviderOptions<SmsToOptions>((account, _) =>
            ValueTask.FromResult(account == tenant ? new SmsToOptions { ApiKey = "b-key", CallbackSecret = "tenant-b-secret-0123456789-xyz" } : null)));
        var form = new Dictionary<string, string> { ["timestamp"] = "1795760048", ["unsubscribed_number"] = "35799123456", ["source"] = "Optout Link" };

        var own = await host.Client.PostAsync("/sms/inbound/smsto/acme?secret=" + SmsToFixture.Secret, new FormUrlEncodedContent(form));
        var other = await host.Client.PostAsync("/sms/inbound/smsto/tenant-b?secret=" + SmsToFixture.Secret, new FormUrlEncodedContent(form));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "the host does not know tenant-b: it names no IsKnownAccount");
    }

    private static Task<HttpResponseMessage> PostFormAsync(ProviderHost host, Dictionary<string, string> form) =>
        host.Client.PostAsync("/sms/inbound/smsto?secret=" + SmsToFixture.Secret, new FormUrlEncodedContent(form));
}
