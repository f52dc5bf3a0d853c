using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.SmsTo.Internal;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>
/// <c>X-SMSTo-Signature</c> against <c>Vectors/smsto-signature.json</c>, computed by SMS.to's own PHP client: every vector
/// accepted, every tampered one refused, the client's quirks pinned (where we are more lenient, and why that is harmless);
/// then over real HTTP which combinations of signature and URL secret are accepted, the tolerance and the replay guard.
/// </summary>
public sealed class SmsToSignatureTests
{
    private static readonly JsonElement Vectors = Load();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+35799123456");
    private static readonly SmsToFixture Fixture = new();

    public static TheoryData<string> VectorIds => [.. Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    [Fact]
    public void The_vectors_come_from_SMS_tos_own_client()
    {
        Vectors.GetProperty("sdk").GetProperty("name").GetString().Should().Contain("intergo/sms.to-php");
        Vectors.GetProperty("verified_by_sdk").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Each_vector_is_the_signature_SMS_tos_client_computes_and_it_verifies(string id)
    {
        var vector = Vector(id);
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("request").GetProperty("raw_body").GetString()!);
        var t = vector.GetProperty("timestamp").GetInt64();
        var secret = vector.GetProperty("secret").GetString()!;

        Convert.ToHexStringLower(body).Should().Be(vector.GetProperty("raw_body_hex").GetString(), "the raw bytes are what is signed");
        SmsToSignature.Compute(body, t, secret).Should().Be(vector.GetProperty("expected_signature_hex").GetString());
        SmsToSignature.Check(vector.GetProperty("request").GetProperty("headers").GetProperty("X-SMSTo-Signature").GetString(), body, [secret], At(t), TimeSpan.FromHours(72))
            .Should().BeNull();
    }

    public static TheoryData<string, string> Tampered()
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in Vectors.GetProperty("vectors").EnumerateArray())
        {
            foreach (var tampered in vector.GetProperty("tampered").EnumerateArray())
            {
                data.Add(vector.GetProperty("id").GetString()!, tampered.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Each_tampered_variant_is_refused_except_the_two_quirks_we_accept_on_purpose(string vectorId, string tamperedId)
    {
        var vector = Vector(vectorId);
        var tampered = vector.GetProperty("tampered").EnumerateArray().Single(t => t.GetProperty("id").GetString() == tamperedId);
        tampered.GetProperty("sdk_result").GetBoolean().Should().BeFalse("the vector records that SMS.to's client threw");

        var problem = SmsToSignature.Check(tampered.GetProperty("X-SMSTo-Signature").GetString(), Encoding.UTF8.GetBytes(tampered.GetProperty("raw_body").GetString()!),
            [tampered.GetProperty("secret").GetString()!], At(vector.GetProperty("timestamp").GetInt64()), TimeSpan.FromHours(72));

        if (tamperedId is "uppercase-hex" or "space-after-comma")
        {
            // Lenient where nothing signed changes: the same 32 bytes in upper-case hex, a space a proxy may put after a comma.
            problem.Should().BeNull($"{tamperedId}: the body, t and the HMAC are exactly the genuine ones");
        }
        else
        {
            problem.Should().NotBeNull($"{vectorId}/{tamperedId}: {tampered.GetProperty("description").GetString()}");
        }
    }

    [Theory]
    [InlineData("reversed-order", true)]
    [InlineData("leading-zero-timestamp", true)]
    [InlineData("extra-items", true)]
    [InlineData("two-s-items", false)]
    public void The_clients_header_parsing_is_ours(string id, bool accepted)
    {
        var behaviour = Vectors.GetProperty("sdk_behaviours").EnumerateArray().Single(b => b.GetProperty("id").GetString() == id);
        behaviour.GetProperty("sdk_result").GetBoolean().Should().Be(accepted, "the vector records the client's verdict");

        var problem = SmsToSignature.Check(behaviour.GetProperty("X-SMSTo-Signature").GetString(), Encoding.UTF8.GetBytes(behaviour.GetProperty("raw_body").GetString()!),
            [behaviour.GetProperty("secret").GetString()!], At(1_714_564_800), TimeSpan.FromHours(72));

        (problem is null).Should().Be(accepted, behaviour.GetProperty("description").GetString());
    }

    [Fact]
    public void A_timestamp_the_client_would_accept_from_the_year_2000_is_refused_outside_the_tolerance_though_its_signature_is_genuine()
    {
        var old = Vectors.GetProperty("sdk_behaviours").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "very-old-timestamp");
        var header = old.GetProperty("X-SMSTo-Signature").GetString();
        var body = Encoding.UTF8.GetBytes(old.GetProperty("raw_body").GetString()!);
        string[] secret = [old.GetProperty("secret").GetString()!];

        old.GetProperty("sdk_result").GetBoolean().Should().BeTrue("SMS.to's client checks no time");
        SmsToSignature.Check(header, body, secret, At(946_684_800), TimeSpan.FromHours(72)).Should().BeNull("the signature is genuine");
        SmsToSignature.Check(header, body, secret, At(1_714_564_800), TimeSpan.FromHours(72)).Should().Contain("2000-01-01").And.Contain("72 hours");
        SmsToSignature.Check(header, body, secret, At(946_684_800 - 3_600), TimeSpan.FromHours(72)).Should().Contain("in the future");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=1714564800")]
    [InlineData("t=1e9,s=539fd0314e2fc14fd514928efb4d1a446dc38bee94716ed6eee61380b9661871")]
    [InlineData("t=-5,s=539fd0314e2fc14fd514928efb4d1a446dc38bee94716ed6eee61380b9661871")]
    [InlineData("t=1714564800,s=539fd0314e2fc14fd514928efb4d1a446dc38bee94716ed6eee61380b966187")]
    [InlineData("t=1714564800,s=zz9fd0314e2fc14fd514928efb4d1a446dc38bee94716ed6eee61380b9661871")]
    [InlineData("t=99999999999999999,s=539fd0314e2fc14fd514928efb4d1a446dc38bee94716ed6eee61380b9661871")]
    public void A_header_without_a_decimal_t_and_64_hex_characters_of_s_is_malformed(string? header)
    {
        SmsToSignature.Check(header, "x"u8, ["secret"], At(1_714_564_800), TimeSpan.FromHours(72)).Should().StartWith("Missing or malformed X-SMSTo-Signature");
    }

    [Fact]
    public async Task A_signed_inbound_STOP_from_the_clients_vector_opts_the_person_out()
    {
        var vector = Vector("inbound-form");
        var time = new FakeTimeProvider(At(vector.GetProperty("timestamp").GetInt64() + 60));
        await using var host = await SignedHostAsync(time, o => o.WebhookSigningSecrets[0] = vector.GetProperty("secret").GetString()!);

        var response = await host.Client.SendAsync(FromVector(vector));
        var tampered = await host.Client.SendAsync(FromVector(vector, body: vector.GetProperty("tampered")[0].GetProperty("raw_body").GetString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        tampered.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
        e.OccurredAt.Should().Be(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), "receivedDate is when SMS.to received the message");
        e.Evidence.ProviderName.Should().Be("smsto");
        e.Evidence.ProviderMessageId.Should().StartWith("derived:").And.HaveLength("derived:".Length + 32);
    }

    [Fact]
    public async Task The_clients_JSON_and_status_vectors_are_accepted_and_change_nothing_they_do_not_say()
    {
        var json = Vector("inbound-json-utf8");
        var status = Vector("status-form");
        var time = new FakeTimeProvider(At(status.GetProperty("timestamp").GetInt64() + 60));
        await using var host = await SignedHostAsync(time, o => o.WebhookSigningSecrets[0] = json.GetProperty("secret").GetString()!);

        var first = await host.Client.SendAsync(FromVector(json));
        var second = await host.Client.SendAsync(FromVector(status));

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        second.StatusCode.Should().Be(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        (await host.HistoryAsync(PhoneNumber.Parse("+35799999999"))).Should().BeEmpty("DELIVERED is no opt-out");
    }

    [Fact]
    public async Task With_a_signing_secret_an_unsigned_callback_is_refused_though_its_URL_secret_is_right()
    {
        await using var host = await SignedHostAsync();

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "u-1", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Missing X-SMSTo-Signature").And.Contain("WebhookSigningSecrets");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_AcceptUrlSecretWithoutSignature_an_unsigned_callback_passes_on_the_URL_secret_and_a_signed_one_must_still_verify()
    {
        await using var host = await SignedHostAsync(configure: o => o.AcceptUrlSecretWithoutSignature = true);
        var url = ProviderHost.InboundUrl(Fixture);
        var now = DateTimeOffset.UtcNow;

        var unsigned = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, url, Person, ProviderHost.AccountNumber, "a-1", now));
        var wrongUrlSecret = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.WrongKey, url, PhoneNumber.Parse("+35799123457"), ProviderHost.AccountNumber, "a-2", now));
        var badSignature = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.WrongKey, url,
            SmsToFixture.InboundFields("+35799123458", ProviderHost.AccountNumber, "STOP", now), now));

        unsigned.StatusCode.Should().Be(HttpStatusCode.OK, await unsigned.Content.ReadAsStringAsync());
        wrongUrlSecret.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        badSignature.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a header that is present must verify: the right URL secret does not excuse a wrong signature");
        (await badSignature.Content.ReadAsStringAsync()).Should().Contain("Invalid X-SMSTo-Signature");
        (await host.HistoryAsync(PhoneNumber.Parse("+35799123458"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_signing_secret_the_URL_secret_decides_and_a_signature_header_is_not_read()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var request = Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "n-1", DateTimeOffset.UtcNow);
        request.Headers.TryAddWithoutValidation("X-SMSTo-Signature", "t=1,s=00");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "no secret is configured to check the header with; the URL secret verified the callback");
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    [Fact]
    public async Task Two_signing_secrets_verify_side_by_side_while_you_rotate()
    {
        await using var host = await SignedHostAsync(configure: o => o.WebhookSigningSecrets.Add("the-next-webhook-signing-secret"));
        var now = DateTimeOffset.UtcNow;
        var fields = SmsToFixture.InboundFields("+35799123457", ProviderHost.AccountNumber, "STOP", now);
        var body = SmsToFixture.FormBody(fields);
        var bytes = await body.ReadAsByteArrayAsync();
        var withNext = new HttpRequestMessage(HttpMethod.Post, ProviderHost.InboundUrl(Fixture).AbsolutePath) { Content = body };
        withNext.Headers.TryAddWithoutValidation("X-SMSTo-Signature", $"t={now.ToUnixTimeSeconds()},s={SmsToSignature.Compute(bytes, now.ToUnixTimeSeconds(), "the-next-webhook-signing-secret")}");

        var old = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, ProviderHost.InboundUrl(Fixture),
            SmsToFixture.InboundFields(Person.ToString(), ProviderHost.AccountNumber, "STOP", now), now));
        var next = await host.Client.SendAsync(withNext);

        old.StatusCode.Should().Be(HttpStatusCode.OK);
        next.StatusCode.Should().Be(HttpStatusCode.OK, await next.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(PhoneNumber.Parse("+35799123457"))).Should().BeTrue();
    }

    [Fact]
    public async Task A_retry_re_signed_an_hour_later_is_accepted_and_records_nothing_new_while_the_same_signature_again_is_a_replay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SignedHostAsync(time);
        var url = ProviderHost.InboundUrl(Fixture);
        var received = time.GetUtcNow();
        var fields = SmsToFixture.InboundFields(Person.ToString(), ProviderHost.AccountNumber, "STOP", received);

        var first = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, url, fields, received));
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        var replay = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, url, fields, received));
        time.Advance(TimeSpan.FromHours(1));
        var retry = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, url, fields, time.GetUtcNow()));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("replay");
        retry.StatusCode.Should().Be(HttpStatusCode.OK, "SMS.to's retry may carry a new t");
        (await host.HistoryAsync(Person)).Select(e => e.Kind).Should().Equal([ConsentKind.OptOut, ConsentKind.OptIn], "the retry is the same message: its derived id is");
        (await host.IsSuppressedAsync(Person)).Should().BeFalse();
    }

    [Fact]
    public async Task A_retry_signed_at_its_first_attempt_70_hours_ago_is_accepted_and_one_signed_73_hours_ago_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SignedHostAsync(time);
        var url = ProviderHost.InboundUrl(Fixture);
        var now = time.GetUtcNow();

        var within = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, url,
            SmsToFixture.InboundFields(Person.ToString(), ProviderHost.AccountNumber, "STOP", now - TimeSpan.FromHours(70)), now - TimeSpan.FromHours(70)));
        var beyond = await host.Client.SendAsync(SmsToSignedFixture.Callback(InboundCase.Valid, url,
            SmsToFixture.InboundFields("+35799123457", ProviderHost.AccountNumber, "STOP", now - TimeSpan.FromHours(73)), now - TimeSpan.FromHours(73)));

        within.StatusCode.Should().Be(HttpStatusCode.OK, await within.Content.ReadAsStringAsync());
        beyond.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await beyond.Content.ReadAsStringAsync()).Should().Contain("WebhookSignatureTolerance");
    }

    [Fact]
    public void Signing_secrets_and_the_tolerance_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsTo:ApiKey"] = "k", ["SmsTo:WebhookSigningSecrets:0"] = "first-secret", ["SmsTo:WebhookSigningSecrets:1"] = "second-secret",
            ["SmsTo:WebhookSignatureTolerance"] = "1.00:00:00", ["SmsTo:CallbackSecret"] = SmsToFixture.Secret, ["SmsTo:AcceptUrlSecretWithoutSignature"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory().AddSmsTo(configuration.GetSection("SmsTo"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmsToOptions>>().Value;

        options.WebhookSigningSecrets.Should().Equal("first-secret", "second-secret");
        options.WebhookSignatureTolerance.Should().Be(TimeSpan.FromDays(1));
        options.AcceptUrlSecretWithoutSignature.Should().BeTrue();
    }

    public static TheoryData<Action<SmsToOptions>, string> Invalid => new()
    {
        { o => o.WebhookSigningSecrets.Add(""), "WebhookSigningSecrets[0] is empty" },
        { o => o.WebhookSigningSecrets.Add(" padded-secret "), "WebhookSigningSecrets[0] starts or ends with white space" },
        { o => o.WebhookSignatureTolerance = TimeSpan.FromSeconds(30), "between 1 minute and 30 days" },
        { o => o.WebhookSignatureTolerance = TimeSpan.FromDays(31), "between 1 minute and 30 days" },
        { o => (o.AcceptUrlSecretWithoutSignature, o.CallbackSecret) = (true, null), "AcceptUrlSecretWithoutSignature needs a CallbackSecret" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Signed_webhook_settings_that_cannot_work_fail_validation_with_a_message_naming_the_option(Action<SmsToOptions> change, string expected)
    {
        var options = new SmsToOptions { ApiKey = "k", CallbackSecret = SmsToFixture.Secret };
        change(options);

        var result = new SmsToOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
        result.FailureMessage.Should().NotContain("padded-secret", "a secret is never quoted");
    }

    private static Task<ProviderHost> SignedHostAsync(TimeProvider? time = null, Action<SmsToOptions>? configure = null) =>
        ProviderHost.StartAsync(new SmsToSignedFixture(), time, configure: b => b.Services.Configure<SmsToOptions>(o => configure?.Invoke(o)));

    /// <summary>The vector's request: its raw body (or <paramref name="body"/>), content type and signature header, to the host's SMS.to endpoint.</summary>
    private static HttpRequestMessage FromVector(JsonElement vector, string? body = null)
    {
        var request = vector.GetProperty("request");
        var headers = request.GetProperty("headers");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? request.GetProperty("raw_body").GetString()!));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(headers.GetProperty("Content-Type").GetString()!);
        var message = new HttpRequestMessage(HttpMethod.Post, ProviderHost.InboundUrl(Fixture).AbsolutePath) { Content = content };
        message.Headers.TryAddWithoutValidation("X-SMSTo-Signature", headers.GetProperty("X-SMSTo-Signature").GetString());
        return message;
    }

    private static JsonElement Vector(string id) => Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", "smsto-signature.json")));
        return document.RootElement.Clone();
    }
}
