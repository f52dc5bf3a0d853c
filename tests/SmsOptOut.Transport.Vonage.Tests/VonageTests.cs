using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Vonage.Internal;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>What is particular to Vonage: its form API and its statuses, its webhook shapes and schemes, its retry window, its receipts.</summary>
public sealed class VonageTests
{
    private static readonly VonageFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [Fact]
    public async Task A_message_is_posted_in_Vonages_form_and_beyond_GSM_7_as_unicode()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.StatusCallbackUrl = new Uri("https://opt.example/sms/inbound/vonage")));
        host.Answer(Fixture.Sent);

        await host.Transport.SendAsync(new SmsMessage(Person, "Sale! Reply STOP to opt out") { Account = ProviderHost.Account });
        await host.Transport.SendAsync(new SmsMessage(Person, "Café ☕ & more = 20%") { Account = ProviderHost.Account });

        var requests = host.Api.Requests.ToArray();
        requests.Should().HaveCount(2);
        var first = requests[0];
        first.Method.Should().Be("POST");
        first.Path.Should().Be("/sms/json");
        var form = HttpUtility.ParseQueryString(first.Text);
        form["api_key"].Should().Be(VonageFixture.ApiKey);
        form["api_secret"].Should().Be(VonageFixture.ApiSecret);
        form["from"].Should().Be("18005550100");
        form["to"].Should().Be("14155552671");
        form["text"].Should().Be("Sale! Reply STOP to opt out");
        form["callback"].Should().Be("https://opt.example/sms/inbound/vonage");
        form["type"].Should().BeNull("GSM-7 text is Vonage's default");
        var second = HttpUtility.ParseQueryString(requests[1].Text);
        second["text"].Should().Be("Café ☕ & more = 20%");
        second["type"].Should().Be("unicode");
    }

    [Fact]
    public async Task Status_1_throttled_in_a_200_created_nothing_and_is_retried()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"1\",\"error-text\":\"Throughput Rate Exceeded - please wait [ 1 ] and retry\"}]}"), Fixture.Sent);

        var result = await host.Transport.SendAsync(new SmsMessage(Person, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Sent);
        host.Api.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("{\"message-count\":\"1\",\"messages\":[{\"status\":\"5\",\"error-text\":\"Internal Error\"}]}")]
    [InlineData("{\"message-count\":\"2\",\"messages\":[{\"status\":\"0\",\"message-id\":\"A1\"},{\"status\":\"3\",\"error-text\":\"Invalid parameters\"}]}")]
    [InlineData("not json")]
    public async Task An_answer_that_does_not_say_whether_the_message_went_out_is_unknown_and_not_retried(string answer)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(200, answer));

        var result = await host.Transport.SendAsync(new SmsMessage(Person, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.FailedUnknown);
        host.Api.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("JSON")]
    public async Task A_signed_GET_or_JSON_webhook_opts_the_sender_out(string shape)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var fields = VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-" + shape);
        fields["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        fields["nonce"] = "n-" + shape;
        fields["sig"] = VonageTestSigner.SmsSignature(fields, VonageFixture.SignatureSecret, VonageSignatureMethod.Md5Hash);
        using var request = shape == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/vonage?" + string.Join("&", fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")))
            : new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new StringContent(JsonSerializer.Serialize(fields), Encoding.UTF8, "application/json") };

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
    }

    [Fact]
    public void The_defaults_are_the_dashboards_MD5_hash_and_a_tolerance_covering_Vonages_72_hour_receipt_retries()
    {
        var options = new VonageOptions();

        options.WebhookAuthentication.Should().Be(VonageWebhookAuthentication.Signature);
        options.SignatureMethod.Should().Be(VonageSignatureMethod.Md5Hash, "\"The default algorithm is 'MD5 hash'\"");
        options.SignatureTolerance.Should().Be(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(VonageSignatureMethod.Md5Hash, VonageSignatureMethod.Sha256)]
    [InlineData(VonageSignatureMethod.Sha512, VonageSignatureMethod.Md5Hash)]
    [InlineData(VonageSignatureMethod.Sha1, VonageSignatureMethod.Md5)]
    public async Task Only_the_method_the_dashboard_is_set_to_is_accepted(VonageSignatureMethod account, VonageSignatureMethod other)
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.SignatureMethod = account));
        var url = ProviderHost.InboundUrl(Fixture);

        var own = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-1"), DateTimeOffset.UtcNow, "n-1", account));
        var wrong = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-2"), DateTimeOffset.UtcNow, "n-2", other));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain($"VonageOptions.SignatureMethod is {account}");
    }

    [Fact]
    public void A_parameter_name_with_an_ampersand_verifies_whether_the_signer_sanitised_names_or_not()
    {
        var fields = new Dictionary<string, string> { ["a&b"] = "1=2", ["text"] = "STOP & more", ["timestamp"] = "1714564800" };
        var docs = VonageTestSigner.SmsSignature(fields, "secret", VonageSignatureMethod.Sha256);
        var dotnetSdk = VonageTestSigner.SmsSignature(fields, "secret", VonageSignatureMethod.Sha256, sanitiseNames: true);

        docs.Should().NotBe(dotnetSdk, "the readings differ for such a name");
        VonageSignature.IsValid(new Dictionary<string, string>(fields) { ["sig"] = docs }, "secret", VonageSignatureMethod.Sha256).Should().BeTrue("the docs and @vonage/sms sanitise values only");
        VonageSignature.IsValid(new Dictionary<string, string>(fields) { ["sig"] = dotnetSdk }, "secret", VonageSignatureMethod.Sha256).Should().BeTrue("vonage-dotnet-sdk sanitises names too");
        VonageSignature.IsValid(new Dictionary<string, string>(fields) { ["sig"] = docs }, "secret2", VonageSignatureMethod.Sha256).Should().BeFalse();
        VonageSignature.IsValid(new Dictionary<string, string>(fields) { ["sig"] = "zz" + docs[2..] }, "secret", VonageSignatureMethod.Sha256).Should().BeFalse("not hex");
    }

    [Fact]
    public async Task A_replay_is_refused_for_as_long_as_its_timestamp_would_be_accepted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);
        var signedAt = time.GetUtcNow();
        var first = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "r-1", signedAt));
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));

        time.Advance(TimeSpan.FromHours(72));
        var replay = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "r-1", signedAt));
        time.Advance(TimeSpan.FromMinutes(6));
        var late = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "r-1", signedAt));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("already received", "72 hours later the nonce is still remembered");
        late.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await late.Content.ReadAsStringAsync()).Should().Contain("older than VonageOptions.SignatureTolerance");
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("the later opt-in stands");
    }

    [Theory]
    [InlineData("failed", "9", true)]
    [InlineData("rejected", "9", true)]
    [InlineData("failed", "6", false)]
    [InlineData("delivered", "0", false)]
    public async Task A_delivery_receipt_records_an_opt_out_only_for_err_code_9_and_only_once(string status, string errorCode, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var receipt = Receipt(status, errorCode);

        var first = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), receipt, DateTimeOffset.UtcNow, "r-1"));
        var again = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), receipt, DateTimeOffset.UtcNow, "r-2"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await host.HistoryAsync(Person);
        if (optedOut)
        {
            var e = history.Should().ContainSingle("the repeat names the same message").Subject;
            e.Source.Should().Be(OptOutSource.ProviderError);
            e.Evidence.ProviderErrorCode.Should().Be("9");
            e.Evidence.ProviderMessageId.Should().Be("dlr-9");
        }
        else
        {
            history.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task An_opt_out_receipt_retried_72_hours_after_it_was_signed_is_recorded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);

        var response = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Receipt("failed", "9"),
            time.GetUtcNow() - TimeSpan.FromHours(72), "r-72"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().BeTrue("one support article says receipts are retried for 72 hours");
    }

    [Fact]
    public async Task Only_webhooks_that_record_something_are_remembered_against_replay()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var now = DateTimeOffset.UtcNow;
        var url = ProviderHost.InboundUrl(Fixture);

        var delivered = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, Receipt("delivered", "0"), now, "d-1"));
        var deliveredAgain = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, Receipt("delivered", "0"), now, "d-1"));
        var optOut = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, Receipt("failed", "9"), now, "o-1"));
        var optOutAgain = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, url, Receipt("failed", "9"), now, "o-1"));

        delivered.StatusCode.Should().Be(HttpStatusCode.OK);
        deliveredAgain.StatusCode.Should().Be(HttpStatusCode.OK, "a receipt that records nothing is not kept for 72 hours: one per message sent would fill the guard");
        optOut.StatusCode.Should().Be(HttpStatusCode.OK);
        optOutAgain.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_signature_secret_every_webhook_is_refused_naming_the_options()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.SignatureSecret = null));

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "x", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("VonageOptions.SignatureSecret").And.Contain("VonageOptions.WebhookAuthentication is UrlSecret");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_signed_message_without_a_sender_is_refused_with_400_naming_the_field()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var fields = VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-x");
        fields.Remove("msisdn");

        var response = await host.Client.SendAsync(VonageFixture.SmsWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), fields, DateTimeOffset.UtcNow, "n-x"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"msisdn\"");
    }

    [Fact]
    public async Task An_unsigned_webhook_carrying_a_URL_secret_is_refused_unless_that_mode_is_chosen()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(VonageFixture.UrlSecretWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture),
            VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "u-1")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_a_URL_secret_a_GET_webhook_and_an_unsigned_Messages_API_webhook_are_read_and_a_signature_alone_is_not_enough()
    {
        var fixture = new VonageUrlSecretFixture();
        await using var host = await ProviderHost.StartAsync(fixture);
        var url = ProviderHost.InboundUrl(fixture);
        var other = PhoneNumber.Parse("+14155550199");
        var query = string.Join("&", VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "g-1").Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        var messages = new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath + "?secret=" + VonageFixtureBase.CallbackSecret)
        {
            Content = new StringContent(VonageTestSigner.MessagesInbound("14155550199", "18005550100", "STOP", "uuid-u", DateTimeOffset.UtcNow), Encoding.UTF8, "application/json"),
        };
        var signedOnly = VonageFixture.SmsWebhook(InboundCase.Valid, url, VonageFixture.Inbound(PhoneNumber.Parse("+14155550111"), ProviderHost.AccountNumber, "STOP", "s-1"), DateTimeOffset.UtcNow, "s-1");

        var get = await host.Client.GetAsync(url.AbsolutePath + "?secret=" + VonageFixtureBase.CallbackSecret + "&" + query);
        var unsigned = await host.Client.SendAsync(messages);
        var signed = await host.Client.SendAsync(signedOnly);

        get.StatusCode.Should().Be(HttpStatusCode.OK, await get.Content.ReadAsStringAsync());
        unsigned.StatusCode.Should().Be(HttpStatusCode.OK, await unsigned.Content.ReadAsStringAsync());
        signed.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the account chose the URL secret; a sig is not checked in its place");
        (await signed.Content.ReadAsStringAsync()).Should().Contain("UrlSecret");
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
        (await host.IsSuppressedAsync(other)).Should().BeTrue();
    }

    public static TheoryData<string, Action<VonageOptions>> InvalidOptions => new()
    {
        { "VonageOptions.CallbackSecret", o => o.WebhookAuthentication = VonageWebhookAuthentication.UrlSecret },
        { "VonageOptions.CallbackSecret", o => (o.WebhookAuthentication, o.CallbackSecret) = (VonageWebhookAuthentication.UrlSecret, "too-short") },
        { "VonageOptions.WebhookAuthentication is Signature", o => o.CallbackSecret = VonageFixtureBase.CallbackSecret },
        { "VonageOptions.WebhookAuthentication 7", o => o.WebhookAuthentication = (VonageWebhookAuthentication)7 },
        { "VonageOptions.SignatureTolerance", o => o.SignatureTolerance = TimeSpan.FromMinutes(5) },
        { "VonageOptions.SignatureTolerance", o => o.SignatureTolerance = TimeSpan.FromDays(8) },
        { "VonageOptions.SignatureMethod 9", o => o.SignatureMethod = (VonageSignatureMethod)9 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_webhook_options_fail_validation_naming_the_option(string named, Action<VonageOptions> change)
    {
        var options = new VonageOptions { ApiKey = "k", ApiSecret = "s", From = "+18005550100" };
        new VonageOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        change(options);

        var result = new VonageOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(named);
    }

    [Fact]
    public void The_READMEs_two_configurations_are_valid()
    {
        var signed = new VonageOptions { ApiKey = "abcd1234", ApiSecret = "s", From = "+447700900000", SignatureSecret = "x", SignatureMethod = VonageSignatureMethod.Md5Hash };
        var unsigned = new VonageOptions
        {
            ApiKey = "abcd1234", ApiSecret = "s", From = "+447700900000",
            WebhookAuthentication = VonageWebhookAuthentication.UrlSecret, CallbackSecret = "0123456789abcdefghijABCDEFGHIJ01",
        };

        new VonageOptionsValidator().Validate(null, signed).Succeeded.Should().BeTrue();
        new VonageOptionsValidator().Validate(null, unsigned).Succeeded.Should().BeTrue("no signature secret is needed without signing");
    }

    [Fact]
    public async Task A_host_that_chooses_the_URL_secret_without_one_fails_at_startup_naming_it()
    {
        var start = () => ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.WebhookAuthentication = VonageWebhookAuthentication.UrlSecret));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("VonageOptions.CallbackSecret");
    }

    [Fact]
    public async Task A_Messages_API_webhook_in_the_older_v0_1_shape_opts_the_sender_out()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var body = """
            {"message_uuid":"aaaaaaaa-0000-4ccc-8ddd-0123456789ab","to":{"type":"sms","number":"18005550100"},"from":{"type":"sms","number":"14155552671"},
             "timestamp":"2021-01-01T12:00:00.000Z","message":{"content":{"type":"text","text":"STOP"}}}
            """;

        var response = await host.Client.SendAsync(Messages(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person)).Should().ContainSingle().Which.Evidence.ProviderMessageId.Should().Be("aaaaaaaa-0000-4ccc-8ddd-0123456789ab");
    }

    [Theory]
    [InlineData("""{"channel":"whatsapp","message_uuid":"u-1","to":"18005550100","from":"14155552671","message_type":"text","text":"STOP"}""")]
    [InlineData("""{"channel":"sms","message_uuid":"u-2","to":"14155552671","from":"18005550100","status":"delivered","timestamp":"2024-05-01T12:00:00Z"}""")]
    [InlineData("""{"message_uuid":"u-3","to":{"type":"viber_service_msg","id":"1"},"from":{"type":"viber_service_msg","number":"14155552671"},"message":{"content":{"type":"text","text":"STOP"}}}""")]
    public async Task A_Messages_API_webhook_of_another_channel_or_a_status_is_accepted_and_records_nothing(string body)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(Messages(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"channel":"sms","message_uuid":"u-1","to":"18005550100","message_type":"text","text":"STOP"}""", "\"from\"")]
    [InlineData("""{"message_uuid":"u-2","to":{"type":"sms","number":"18005550100"},"from":{"type":"sms"},"message":{"content":{"type":"text","text":"STOP"}}}""", "\"from.number\"")]
    [InlineData("""{"channel":"sms","message_uuid":"u-3","to":"18005550100","from":"not a number","text":"STOP"}""", "\"from\"")]
    public async Task A_signed_Messages_API_SMS_without_a_readable_sender_is_refused_with_400_naming_the_field(string body, string field)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(Messages(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task A_Messages_API_webhook_without_its_JWT_is_answered_503_so_Vonage_resends_it_signed()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var request = Messages(VonageTestSigner.MessagesInbound("14155552671", "18005550100", "STOP", "u-1", DateTimeOffset.UtcNow));
        request.Headers.Authorization = null;

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "Vonage retries an unsigned callback on a 5xx");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Authorization: Bearer");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_Messages_API_token_on_a_form_body_is_refused_with_415()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "f-1");
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + VonageTestSigner.MessagesJwt(await request.Content.ReadAsStringAsync(), VonageFixture.SignatureSecret, DateTimeOffset.UtcNow, "j"));

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("upper-case hash", true)]
    [InlineData("empty hash", false)]
    [InlineData("hash of another body", false)]
    [InlineData("HS512", false)]
    public async Task The_JWTs_payload_hash_must_be_the_bodys_in_either_hex_case(string variant, bool accepted)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var body = VonageTestSigner.MessagesInbound("14155552671", "18005550100", "STOP", "u-h", DateTimeOffset.UtcNow);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var token = VonageTestSigner.MessagesJwt(body, VonageFixture.SignatureSecret, DateTimeOffset.UtcNow, "j-h", variant switch
        {
            "upper-case hash" => hash,
            "empty hash" => string.Empty,
            "hash of another body" => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body + " "))),
            _ => null,
        }, variant == "HS512" ? "HS512" : "HS256");

        var response = await host.Client.SendAsync(Messages(body, token));

        response.StatusCode.Should().Be(accepted ? HttpStatusCode.OK : HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().Be(accepted);
    }

    [Fact]
    public async Task A_Messages_API_retry_is_accepted_whether_Vonage_kept_the_first_token_or_signed_it_anew_and_recorded_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);
        var first = time.GetUtcNow();
        var body = VonageTestSigner.MessagesInbound("14155552671", "18005550100", "STOP", "u-retry", first);
        var firstToken = VonageTestSigner.MessagesJwt(body, VonageFixture.SignatureSecret, first, "jti-1");

        // Vonage's first attempts do not get through; it retries for 24 hours.
        time.Advance(TimeSpan.FromHours(23));
        var kept = await host.Client.SendAsync(Messages(body, firstToken));
        var resigned = await host.Client.SendAsync(Messages(body, VonageTestSigner.MessagesJwt(body, VonageFixture.SignatureSecret, time.GetUtcNow(), "jti-2")));

        kept.StatusCode.Should().Be(HttpStatusCode.OK, await kept.Content.ReadAsStringAsync());
        resigned.StatusCode.Should().Be(HttpStatusCode.OK, await resigned.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person)).Should().ContainSingle("both attempts carry the same message_uuid");
    }

    private static Dictionary<string, string> Receipt(string status, string errorCode) => new()
    {
        ["msisdn"] = "14155552671", ["to"] = "18005550100", ["network-code"] = "12345", ["messageId"] = "dlr-9", ["price"] = "0.00000000",
        ["status"] = status, ["scts"] = "2611270614", ["err-code"] = errorCode, ["api-key"] = VonageFixture.ApiKey, ["message-timestamp"] = "2026-11-27 06:14:08",
    };

    /// <summary>A Messages API webhook of <paramref name="body"/>, signed now with the fixture's secret unless <paramref name="token"/> is given.</summary>
    private static HttpRequestMessage Messages(string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (token ?? VonageTestSigner.MessagesJwt(body, VonageFixture.SignatureSecret, DateTimeOffset.UtcNow, Guid.NewGuid().ToString())));
        return request;
    }
}
