using System.Net;
using System.Net.Http.Json;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The JSON inbound endpoint reads every shape of receiving address (long code, toll-free, short code, alphanumeric
/// sender ID) and a sender written in national format in the host's default region, over real Kestrel; with keywords
/// scoped per sending address each STOP is recorded for exactly the address it was sent to.
/// </summary>
public sealed class JsonInboundAddressTests
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+16465551300");

    public static TheoryData<string, string> Addresses => new()
    {
        { "+14155550123", "+14155550123" },
        { "+1 (800) 555-0100", "+18005550100" },
        { "8005550100", "+18005550100" },
        { "12345", "US:12345" },
        { "US:12345", "US:12345" },
        { "ACME", "ACME" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task A_STOP_to_each_kind_of_address_is_recorded_for_that_address(string to, string canonical)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Request(new { from = "646-555-1300", to, body = "STOP", messageId = "gw-" + canonical }));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var history = await host.HistoryAsync(Person);
        history.Should().ContainSingle("the national-format sender is read in the default region, US").Which.List.Should().Be(new ListId("sender:" + canonical));
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("the opt-out is scoped to the sending address");
    }

    [Theory]
    [InlineData("12345", "\"from\": 'US:12345' is a short code")]
    [InlineData("ACME", "\"from\": 'ACME' is an alphanumeric sender ID")]
    [InlineData("555-1300", "\"from\"")]
    public async Task A_message_that_is_not_from_a_person_is_refused_with_400_naming_the_field(string from, string expected)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Request(new { from, to = "+18005550100", body = "STOP" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(expected);
    }

    [Theory]
    [InlineData("ACME SHOES 24", "\"to\": Cannot read 'ACME SHOES 24' as a sender address (default region US): an alphanumeric sender ID has at most 11 characters")]
    [InlineData("12", "\"to\": Cannot read '12' as a sender address")]
    public async Task A_receiving_address_that_is_none_is_refused_with_400_naming_the_field(string to, string expected)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Request(new { from = "+16465551300", to, body = "STOP" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(expected);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_host_resolves_the_account_by_a_short_code()
    {
        var shortCode = SenderAddress.ShortCode("12345", "US");
        await using var host = await LandingHost.StartAsync(
            o => o.ResolveInboundAccount = (to, _) => ValueTask.FromResult<AccountId?>(to == shortCode ? LandingHost.Account : null),
            core: o => o.DefaultRegion = "US");

        var toShortCode = await host.Client.SendAsync(Request(new { from = "+16465551300", to = "12345", body = "STOP" }));
        var toAnother = await host.Client.SendAsync(Request(new { from = "+16465551300", to = "54321", body = "STOP", messageId = "other" }));

        toShortCode.StatusCode.Should().Be(HttpStatusCode.OK);
        toAnother.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    private static Task<LandingHost> StartAsync() => LandingHost.StartAsync(core: o =>
    {
        o.DefaultRegion = "US";
        o.Keywords.Scope = KeywordScope.SendingNumber;
        o.Compliance.AllowNarrowOptOutScopes = true;
    });

    private static HttpRequestMessage Request(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/json") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);
        return request;
    }
}
