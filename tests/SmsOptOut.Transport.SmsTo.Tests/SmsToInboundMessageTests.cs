using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>
/// Messages people text to a rented SMS.to number (article 43000615089: <c>from</c>, <c>to</c>, <c>parts</c>,
/// <c>message</c>, <c>receivedDate</c>, no message id): read into the keyword flow, told apart from SMS.to's other
/// callbacks by their fields, and made idempotent by an id derived from what they carry.
/// </summary>
public sealed class SmsToInboundMessageTests
{
    private static readonly SmsToFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+35799123456");
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 15, 30, TimeSpan.Zero);

    [Fact]
    public async Task A_STOP_texted_to_a_rented_number_opts_the_sender_out_with_the_message_as_evidence()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await PostAsync(host, Inbound("Stop"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Kind.Should().Be(ConsentKind.OptOut);
        e.Source.Should().Be(OptOutSource.Keyword);
        e.OccurredAt.Should().Be(Received, "receivedDate is when SMS.to received it");
        e.Evidence.MessageText.Should().Be("Stop");
        e.Evidence.ProviderName.Should().Be("smsto");
        e.Evidence.ProviderMessageId.Should().MatchRegex("^derived:[0-9a-f]{32}$");
    }

    [Fact]
    public async Task SMS_tos_hourly_retry_of_the_same_message_is_a_duplicate()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        (await PostAsync(host, Inbound("STOP"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        (await PostAsync(host, Inbound("STOP"))).StatusCode.Should().Be(HttpStatusCode.OK, "SMS.to wants a 200 for a callback it already sent");

        (await host.HistoryAsync(Person)).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("the retry is the message already recorded, not a new STOP");
    }

    [Fact]
    public async Task A_new_STOP_after_a_START_counts_because_its_received_date_differs()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        await PostAsync(host, Inbound("STOP"));
        await PostAsync(host, Inbound("START", received: Received.AddDays(1)));
        await PostAsync(host, Inbound("STOP", received: Received.AddDays(2)));

        (await host.HistoryAsync(Person)).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn, ConsentKind.OptOut);
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_received_date_no_id_is_derived_so_a_later_identical_STOP_still_counts()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var withoutDate = Inbound("STOP").Where(f => f.Key != "receivedDate").ToList();

        await PostAsync(host, withoutDate);
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        var again = await PostAsync(host, withoutDate);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(Person)).Should().BeTrue("nothing says the second STOP is the first one again");
        (await host.HistoryAsync(Person)).Should().AllSatisfy(e => e.Evidence.ProviderMessageId.Should().BeNull());
    }

    [Fact]
    public async Task A_received_date_later_than_our_clock_is_not_believed()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var before = DateTimeOffset.UtcNow;

        await PostAsync(host, Inbound("STOP", received: DateTimeOffset.UtcNow.AddDays(3)));

        (await host.HistoryAsync(Person)).Should().ContainSingle().Which.OccurredAt.Should().BeOnOrAfter(before).And.BeBefore(DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task An_inbound_message_in_JSON_is_read_too()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        const string Json = "{\"from\":\"+35799123456\",\"to\":\"+35790000001\",\"parts\":1,\"message\":\"STOP\",\"receivedDate\":\"2026-03-02T09:15:30Z\"}";

        var response = await host.Client.PostAsync("/sms/inbound/smsto?secret=" + SmsToFixture.Secret, new StringContent(Json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    [Fact]
    public async Task An_ordinary_reply_is_accepted_and_records_nothing()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await PostAsync(host, Inbound("Thanks, see you Friday"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("to", "\"to\"")]
    [InlineData("from", "\"from\"")]
    public async Task An_inbound_message_without_its_addresses_is_refused_with_400_naming_the_field(string missing, string named)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var fields = Inbound("STOP").Select(f => f.Key == missing ? new KeyValuePair<string, string>(f.Key, "") : f).ToList();

        var response = await PostAsync(host, fields);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(named);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task Each_of_SMS_tos_callbacks_is_told_apart_by_its_fields()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var optedOut = PhoneNumber.Parse("+35799123457");
        var unsubscribed = PhoneNumber.Parse("+35799123458");

        var inbound = await PostAsync(host, Inbound("STOP"));
        var optOut = await PostAsync(host, [new("timestamp", "1795760048"), new("unsubscribed_number", "35799123457"), new("source", "Optout Link")]);
        var status = await PostAsync(host, [new("trackingId", "t-1"), new("messageId", "m-1"), new("phone", "+35799123458"), new("status", "UNSUBSCRIBED"), new("parts", "1"), new("price", "0.015")]);
        var neither = await PostAsync(host, [new("parts", "1"), new("message", "STOP")]);

        inbound.StatusCode.Should().Be(HttpStatusCode.OK);
        optOut.StatusCode.Should().Be(HttpStatusCode.OK);
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.HistoryAsync(Person)).Should().ContainSingle().Which.Source.Should().Be(OptOutSource.Keyword);
        (await host.HistoryAsync(optedOut)).Should().ContainSingle().Which.Source.Should().Be(OptOutSource.OptOutLink);
        (await host.HistoryAsync(unsubscribed)).Should().ContainSingle().Which.Source.Should().Be(OptOutSource.ProviderError);
        neither.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await neither.Content.ReadAsStringAsync()).Should().Contain("an inbound message (\"from\", \"to\", \"message\")");
    }

    [Fact]
    public async Task With_per_tenant_credentials_the_account_is_found_from_the_rented_number_the_message_was_sent_to()
    {
        var tenant = new AccountId("tenant-b");
        var tenantNumber = PhoneNumber.Parse("+35790000002");
        await using var host = await ProviderHost.StartAsync(Fixture,
            configure: b => b.UseProviderOptions<SmsToOptions>((account, _) => ValueTask.FromResult(account == tenant
                ? new SmsToOptions { ApiKey = "b-key", CallbackSecret = "tenant-b-secret-0123456789-xyz" }
                : null)),
            endpoints: o =>
            {
                o.InboundAccount = null;
                o.ResolveInboundAccount = (to, _) => ValueTask.FromResult<AccountId?>(to == (SenderAddress)tenantNumber ? tenant : ProviderHost.Account);
            });
        var toTenant = Inbound("STOP", to: tenantNumber);

        var withTenantsSecret = await host.Client.PostAsync("/sms/inbound/smsto?secret=tenant-b-secret-0123456789-xyz", SmsToFixture.FormBody(toTenant));
        var withStaticSecret = await host.Client.PostAsync("/sms/inbound/smsto?secret=" + SmsToFixture.Secret, SmsToFixture.FormBody(Inbound("STOP", to: tenantNumber, received: Received.AddMinutes(1))));

        withTenantsSecret.StatusCode.Should().Be(HttpStatusCode.OK, await withTenantsSecret.Content.ReadAsStringAsync());
        withStaticSecret.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the message names tenant-b's number, so only tenant-b's secret verifies it");
        (await host.HistoryAsync(Person, tenant)).Should().ContainSingle();
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    private static List<KeyValuePair<string, string>> Inbound(string text, DateTimeOffset? received = null, SenderAddress? to = null) =>
        SmsToFixture.InboundFields(Person.ToString(), to ?? PhoneNumber.Parse("+35790000001"), text, received ?? Received);

    private static Task<HttpResponseMessage> PostAsync(ProviderHost host, IEnumerable<KeyValuePair<string, string>> fields) =>
        host.Client.PostAsync("/sms/inbound/smsto?secret=" + SmsToFixture.Secret, SmsToFixture.FormBody(fields));
}
