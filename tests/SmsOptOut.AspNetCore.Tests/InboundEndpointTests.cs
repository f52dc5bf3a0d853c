using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.Twilio;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>Twilio's signed inbound webhook and the shared-secret JSON endpoint, over real Kestrel.</summary>
public sealed class InboundEndpointTests : IAsyncLifetime
{
    private static readonly PhoneNumber Sender = PhoneNumber.Parse("+14155552671");
    private LandingHost _host = null!;

    public async Task InitializeAsync() => _host = await LandingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Uri TwilioUrl => new(_host.BaseAddress, "/sms/inbound/twilio");

    [Fact]
    public async Task A_signed_twilio_stop_opts_the_sender_out_and_answers_with_twiml()
    {
        var form = TwilioForm("STOP");

        var response = await _host.Client.SendAsync(TwilioRequest(form, TwilioRequestValidator.ComputeSignature(TwilioUrl.ToString(), form, LandingHost.TwilioAuthToken)));
        var twiml = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/xml");
        twiml.Should().StartWith("<?xml").And.Contain("<Response><Message>").And.Contain("</Message></Response>");
        (await _host.IsSuppressedAsync(Sender)).Should().BeTrue();
        var history = await _host.HistoryAsync(Sender);
        history.Should().ContainSingle().Which.Source.Should().Be(OptOutSource.Keyword);
        history[0].Evidence.MessageText.Should().Be("STOP");
        history[0].Evidence.ProviderMessageId.Should().Be("SM0123456789abcdef0123456789abcdef");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bm90IGEgc2lnbmF0dXJl")]
    public async Task A_missing_or_invalid_twilio_signature_is_refused_with_403_and_nothing_is_recorded(string? signature)
    {
        var response = await _host.Client.SendAsync(TwilioRequest(TwilioForm("STOP"), signature));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.IsSuppressedAsync(Sender)).Should().BeFalse();
        (await _host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_signature_over_a_different_body_is_refused()
    {
        var signed = TwilioForm("Hello there");
        var signature = TwilioRequestValidator.ComputeSignature(TwilioUrl.ToString(), signed, LandingHost.TwilioAuthToken);

        var response = await _host.Client.SendAsync(TwilioRequest(TwilioForm("STOP"), signature));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.IsSuppressedAsync(Sender)).Should().BeFalse();
    }

    [Fact]
    public async Task A_signed_ordinary_reply_records_nothing_and_answers_empty_twiml()
    {
        var form = TwilioForm("Thanks, see you Tuesday");

        var response = await _host.Client.SendAsync(TwilioRequest(form, TwilioRequestValidator.ComputeSignature(TwilioUrl.ToString(), form, LandingHost.TwilioAuthToken)));

        (await response.Content.ReadAsStringAsync()).Should().EndWith("<Response></Response>");
        (await _host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_json_endpoint_opts_out_with_the_shared_secret_and_answers_the_reply()
    {
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "unsubscribe", messageId = "gw-1", replyInResponse = true });
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var response = await _host.Client.SendAsync(request);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        result.GetProperty("match").GetString().Should().Be("OptOut");
        result.GetProperty("changed").GetBoolean().Should().BeTrue();
        result.GetProperty("reply").GetString().Should().NotBeNullOrEmpty();
        (await _host.IsSuppressedAsync(Sender)).Should().BeTrue();
        (await _host.HistoryAsync(Sender)).Single().Evidence.ProviderMessageId.Should().Be("gw-1");
    }

    [Fact]
    public async Task The_json_endpoint_accepts_the_secret_as_a_bearer_token()
    {
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP", replyInResponse = true });
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", LandingHost.SharedSecret);

        (await _host.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.IsSuppressedAsync(Sender)).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret-wrong-secret-wrong-secret")]
    [InlineData("json-inbound-shared-secret-012345678")]
    public async Task The_json_endpoint_refuses_a_missing_or_wrong_secret_with_401(string? secret)
    {
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP" });
        if (secret is not null)
        {
            request.Headers.Add("X-SmsOptOut-Secret", secret);
        }

        var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _host.IsSuppressedAsync(Sender)).Should().BeFalse();
    }

    [Theory]
    [InlineData("{not json", "not the expected JSON")]
    [InlineData("{\"to\":\"+18005550100\",\"body\":\"STOP\"}", "needs \"from\"")]
    [InlineData("{\"from\":\"call me\",\"to\":\"+18005550100\",\"body\":\"STOP\"}", "call me")]
    public async Task The_json_endpoint_names_what_is_wrong_with_a_bad_body(string json, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/json") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(expected);
        (await _host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("<script>x</script>")]
    [InlineData("someone-elses-account")]
    public async Task The_json_endpoint_refuses_an_account_the_host_does_not_know_with_a_404_that_names_nothing(string account)
    {
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP", account });
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        text.Should().NotContain(account).And.NotContain(LandingHost.Account.Value);
        (await _host.Store.IsSuppressedAsync(new AccountId(account), Sender)).Should().BeFalse("no account was created by naming it");
        (await _host.IsSuppressedAsync(Sender)).Should().BeFalse();
    }

    [Fact]
    public async Task The_json_endpoint_accepts_a_named_account_the_host_knows()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await LandingHost.StartAsync(o => o.IsKnownAccount = (a, _) => ValueTask.FromResult(a == tenant));
        using var known = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP", account = tenant.Value });
        known.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);
        using var own = JsonRequest(new { from = "+14155552672", to = "+18005550100", body = "STOP", account = LandingHost.Account.Value });
        own.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        (await host.Client.SendAsync(known)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Client.SendAsync(own)).StatusCode.Should().Be(HttpStatusCode.OK, "the account of the 'to' number is always known");

        (await host.Store.IsSuppressedAsync(tenant, Sender)).Should().BeTrue();
        (await host.IsSuppressedAsync(PhoneNumber.Parse("+14155552672"))).Should().BeTrue();
    }

    [Theory]
    [InlineData(6 * 60, "ahead")]
    [InlineData(-31 * 24 * 60 * 60, "behind")]
    [InlineData(2099, "ahead")]
    public async Task The_json_endpoint_refuses_a_received_time_out_of_range_naming_the_field(int secondsFromNow, string expected)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var host = await LandingHost.StartAsync(time: time);
        var receivedAt = secondsFromNow == 2099 ? new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) : time.GetUtcNow().AddSeconds(secondsFromNow);
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP", receivedAt });
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"receivedAt\"").And.Contain(expected);
        (await host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_json_endpoint_keeps_a_received_time_within_range()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var host = await LandingHost.StartAsync(time: time);
        var receivedAt = time.GetUtcNow().AddMinutes(-3);
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = "STOP", receivedAt });
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        (await host.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await host.HistoryAsync(Sender)).Should().ContainSingle().Which.OccurredAt.Should().Be(receivedAt);
    }

    [Fact]
    public async Task A_twilio_request_that_is_neither_a_form_nor_json_is_refused_with_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new StringContent("Body=STOP", Encoding.UTF8, "text/plain") };

        var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().Contain("application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task A_message_to_a_number_no_account_receives_at_is_refused_with_404_and_nothing_is_recorded()
    {
        await using var host = await LandingHost.StartAsync(o => o.ResolveInboundAccount = (to, _) =>
            ValueTask.FromResult<AccountId?>(to == LandingHost.SendingNumber ? LandingHost.Account : null));
        var form = TwilioForm("STOP");
        form["To"] = "+18005550199";
        var url = new Uri(host.BaseAddress, "/sms/inbound/twilio").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature(url, form, LandingHost.TwilioAuthToken));

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No account receives messages at the number the request names");
        (await host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_json_body_over_64_KiB_is_refused_with_413()
    {
        using var request = JsonRequest(new { from = "+14155552671", to = "+18005550100", body = new string('x', 70_000) });
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await _host.HistoryAsync(Sender)).Should().BeEmpty();
    }

    [Fact]
    public async Task Inbound_messages_are_stamped_by_the_hosts_clock_so_the_reply_window_holds()
    {
        // A host whose clock is not the machine's: the endpoints must read the same TimeProvider as the processor,
        // or the 5-minute confirmation window is measured between two different clocks.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 5, 1, 9, 30, 0, TimeSpan.Zero));
        await using var host = await LandingHost.StartAsync(time: time);
        var form = TwilioForm("STOP");
        using var json = JsonRequest(new { from = "+14155550199", to = "+18005550100", body = "STOP", replyInResponse = true });
        json.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);

        var twiml = await (await host.Client.SendAsync(TwilioRequest(form, TwilioRequestValidator.ComputeSignature(new Uri(host.BaseAddress, "/sms/inbound/twilio").ToString(), form, LandingHost.TwilioAuthToken))))
            .Content.ReadAsStringAsync();
        var result = await (await host.Client.SendAsync(json)).Content.ReadFromJsonAsync<JsonElement>();

        (await host.HistoryAsync(Sender)).Should().ContainSingle().Which.OccurredAt.Should().Be(time.GetUtcNow());
        (await host.HistoryAsync(PhoneNumber.Parse("+14155550199"))).Should().ContainSingle().Which.OccurredAt.Should().Be(time.GetUtcNow());
        twiml.Should().Contain("<Message>", "the STOP arrived now on the host's clock, inside the confirmation window");
        result.GetProperty("reply").GetString().Should().NotBeNullOrEmpty();
    }

    private static Dictionary<string, string> TwilioForm(string body) => new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["From"] = Sender.ToString(),
        ["To"] = LandingHost.SendingNumber.ToString(),
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    private static HttpRequestMessage TwilioRequest(Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioRequestValidator.SignatureHeader, signature);
        }

        return request;
    }

    private static HttpRequestMessage JsonRequest(object body) => new(HttpMethod.Post, "/sms/inbound/json") { Content = JsonContent.Create(body) };
}
