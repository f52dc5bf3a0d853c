using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Vonage.Internal;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>
/// Golden tests on vectors the official SDKs computed (research/vectors, copied to <c>Vectors/</c>, regenerated offline):
/// <list type="bullet">
/// <item><c>vonage-sms-sig.json</c>: SMS API <c>sig</c> for all five dashboard methods, computed by npm <c>nexmo</c> 2.9.1
/// <c>Nexmo.generateSignature</c> and accepted by npm <c>@vonage/sms</c> 1.24.1 <c>SMS#verifySignature</c>, with tampered
/// variants that SDK refuses; plus the dataset of @vonage/sms's own tests (<c>__tests__/__dataSets__/signature.ts</c>:
/// lower-case MD5 hash, upper-case HMACs).</item>
/// <item><c>vonage-messages-jwt.json</c>: a Messages API inbound SMS and its JWT (HS256 by jsonwebtoken 9.0.3), accepted
/// by npm <c>@vonage/jwt</c> 1.17.1 <c>verifySignature</c>; tampered tokens it refuses; and two it accepts that must be
/// refused — the body changed (its <c>payload_hash</c> no longer matches) and an <c>iat</c> in 2000.</item>
/// </list>
/// </summary>
public sealed class VonageVectorTests
{
    private static readonly Lazy<JsonNode> Sms = new(() => Load("vonage-sms-sig.json"));
    private static readonly Lazy<JsonNode> Messages = new(() => Load("vonage-messages-jwt.json"));
    private static readonly Lazy<JsonNode> ShortSecret = new(() => Load("vonage-messages-jwt-short-secret.json"));

    public static TheoryData<string> SmsVectors => [.. Sms.Value["vectors"]!.AsArray().Select(v => (string)v!["id"]!)];

    public static TheoryData<string, string> SmsTampered
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vector in Sms.Value["vectors"]!.AsArray())
            {
                foreach (var tampered in vector!["tampered"]!.AsArray())
                {
                    data.Add((string)vector["id"]!, (string)tampered!["id"]!);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> PublishedAlgorithms => [.. Sms.Value["published_sdk_vectors"]!["results"]!.AsArray().Select(r => (string)r!["algorithm"]!)];

    public static TheoryData<string> ShortSecrets => [.. ShortSecret.Value["vectors"]!.AsArray().Select(v => (string)v!["secret"]!)];

    public static TheoryData<string> JwtRefused => [.. Messages.Value["tampered"]!.AsArray().Select(t => (string)t!["id"]!)];

    [Theory]
    [MemberData(nameof(SmsVectors))]
    public void The_SMS_API_signature_is_the_one_the_official_SDK_computed_in_either_hex_case(string id)
    {
        var vector = SmsVector(id);
        var parameters = Parameters(vector["params"]!);
        var secret = (string)vector["secret"]!;
        var method = Method((string)vector["sdk_algorithm_enum"]!);
        var expected = (string)vector["expected_sig"]!;

        VonageSignature.Compute(parameters, secret, method).Should().Be(expected);
        VonageTestSigner.SmsSignature(parameters, secret, method).Should().Be(expected, "the kit's signer is checked on the same vectors");
        VonageSignature.IsValid(With(parameters, expected.ToUpperInvariant()), secret, method).Should().BeTrue("vonage-dotnet-sdk writes upper-case HMACs");
        VonageSignature.IsValid(With(parameters, expected), secret, method).Should().BeTrue("the Node SDKs write lower case");
        VonageSignature.IsValid(With(parameters, expected), secret + "x", method).Should().BeFalse();
        VonageSignature.IsValid(parameters, secret, method).Should().BeFalse("without sig nothing is signed");
    }

    [Theory]
    [MemberData(nameof(SmsTampered))]
    public void A_variant_the_official_SDK_refuses_is_refused(string id, string tamperedId)
    {
        var tampered = SmsVector(id)["tampered"]!.AsArray().Single(t => (string)t!["id"]! == tamperedId)!;
        ((bool)tampered["sdk_result"]!).Should().BeFalse("the vector records what @vonage/sms said");

        VonageSignature.IsValid(With(Parameters(tampered["params"]!), (string)tampered["sig"]!), (string)tampered["secret"]!, Method((string)tampered["algorithm"]!))
            .Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(PublishedAlgorithms))]
    public void The_dataset_of_the_official_SDKs_own_tests_verifies(string algorithm)
    {
        var published = Sms.Value["published_sdk_vectors"]!;
        var sig = (string)published["results"]!.AsArray().Single(r => (string)r!["algorithm"]! == algorithm)!["sig"]!;

        VonageSignature.IsValid(With(Parameters(published["params"]!), sig), (string)published["secret"]!, Method(algorithm)).Should().BeTrue();
        VonageSignature.IsValid(With(Parameters(published["params"]!), sig), (string)published["secret"]!, algorithm == "MD5HASH" ? VonageSignatureMethod.Md5 : VonageSignatureMethod.Md5Hash)
            .Should().BeFalse("only the account's method is accepted");
    }

    [Theory]
    [InlineData("inbound-stop-md5hash", "POST")]
    [InlineData("inbound-stop-md5", "GET")]
    [InlineData("inbound-stop-sha1", "JSON")]
    [InlineData("inbound-stop-sha256", "POST")]
    [InlineData("inbound-stop-sha512", "GET")]
    public async Task The_official_SDKs_signed_STOP_opts_the_sender_out_over_HTTP_as_form_GET_or_JSON(string id, string shape)
    {
        var vector = SmsVector(id);
        var parameters = Parameters(vector["params"]!);
        parameters["sig"] = (string)vector["expected_sig"]!;
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["timestamp"], CultureInfo.InvariantCulture));
        await using var host = await StartAsync(new FakeTimeProvider(signedAt + TimeSpan.FromMinutes(1)), o =>
        {
            o.SignatureSecret = (string)vector["secret"]!;
            o.SignatureMethod = Method((string)vector["sdk_algorithm_enum"]!);
        });
        var body = (string)vector["request"]!["body"]!;
        using var request = shape switch
        {
            "GET" => new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/vonage?" + body),
            "JSON" => new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new StringContent(JsonSerializer.Serialize(parameters), Encoding.UTF8, "application/json") },
            _ => new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") },
        };

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(PhoneNumber.Parse("+447700900001"))).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
        e.Evidence.ProviderMessageId.Should().Be("0A0000000123ABCD");
    }

    [Fact]
    public async Task The_official_SDKs_signed_STOP_with_its_text_changed_is_refused_over_HTTP()
    {
        var vector = SmsVector("inbound-stop-md5hash");
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1714564800);
        await using var host = await StartAsync(new FakeTimeProvider(signedAt), o => o.SignatureSecret = (string)vector["secret"]!);
        var body = ((string)vector["request"]!["body"]!).Replace("text=STOP", "text=START", StringComparison.Ordinal);

        var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("sig");
        (await host.HistoryAsync(PhoneNumber.Parse("+447700900001"))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_official_SDKs_Messages_API_STOP_opts_the_sender_out()
    {
        var vector = Messages.Value["vector"]!;
        ((bool)vector["sdk_verifySignature_result"]!).Should().BeTrue();
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714564800) + TimeSpan.FromSeconds(3)),
            o => o.SignatureSecret = (string)Messages.Value["vector"]!["secret"]!);

        var response = await host.Client.SendAsync(MessagesRequest((string)vector["request"]!["raw_body"]!, (string)vector["request"]!["headers"]!["Authorization"]!));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(PhoneNumber.Parse("+447700900001"))).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
        e.Evidence.ProviderMessageId.Should().Be("aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab");
        e.Evidence.ProviderName.Should().Be("vonage");
    }

    [Theory]
    [MemberData(nameof(JwtRefused))]
    public async Task A_Messages_API_request_the_SDK_refuses_or_whose_body_changed_is_refused(string id)
    {
        var vector = Messages.Value["vector"]!;
        var tampered = Messages.Value["tampered"]!.AsArray().Single(t => (string)t!["id"]! == id)!;
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714564800)),
            o => o.SignatureSecret = (string?)tampered["secret"] ?? (string)Messages.Value["vector"]!["secret"]!);

        var response = await host.Client.SendAsync(MessagesRequest((string?)tampered["raw_body"] ?? (string)vector["request"]!["raw_body"]!, (string)tampered["authorization"]!));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        if (id == "body-changed")
        {
            ((bool)tampered["sdk_verifySignature_result"]!).Should().BeTrue("@vonage/jwt does not look at the body");
            (await response.Content.ReadAsStringAsync()).Should().Contain("payload_hash");
        }

        (await host.HistoryAsync(PhoneNumber.Parse("+447700900001"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_Messages_API_token_from_2000_that_the_SDK_accepts_is_refused_as_too_old()
    {
        var note = Messages.Value["notes"]!["iat_not_checked_by_sdk"]!;
        ((bool)note["sdk_verifySignature_result"]!).Should().BeTrue();
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714564800)), o => o.SignatureSecret = (string)Messages.Value["vector"]!["secret"]!);

        var response = await host.Client.SendAsync(MessagesRequest((string)Messages.Value["vector"]!["request"]!["raw_body"]!, "Bearer " + (string)note["token"]!));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("iat").And.Contain("VonageOptions.SignatureTolerance");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(24 * 60, true)]
    [InlineData((72 * 60) + 4, true)]
    [InlineData((72 * 60) + 6, false)]
    [InlineData(-4, true)]
    [InlineData(-6, false)]
    public async Task The_official_SDKs_Messages_API_token_is_accepted_throughout_the_retry_window(int minutesAfterIat, bool accepted)
    {
        var vector = Messages.Value["vector"]!;
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714564800) + TimeSpan.FromMinutes(minutesAfterIat)),
            o => o.SignatureSecret = (string)Messages.Value["vector"]!["secret"]!);

        var response = await host.Client.SendAsync(MessagesRequest((string)vector["request"]!["raw_body"]!, (string)vector["request"]!["headers"]!["Authorization"]!));

        response.StatusCode.Should().Be(accepted ? HttpStatusCode.OK : HttpStatusCode.Forbidden, "a retry may keep the first attempt's token for 24 hours; 5 minutes of skew either way");
    }

    [Theory]
    [MemberData(nameof(ShortSecrets))]
    public async Task A_Messages_API_token_signed_with_a_secret_shorter_than_32_bytes_verifies_as_the_SDK_verifies_it(string secret)
    {
        var vector = ShortSecret.Value["vectors"]!.AsArray().Single(v => (string)v!["secret"]! == secret)!;
        ((bool)vector["sdk_verifySignature_result"]!).Should().BeTrue();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)ShortSecret.Value["iat"]!));
        var body = (string)ShortSecret.Value["raw_body"]!;
        await using var host = await ProviderHost.StartAsync(new VonageFixture(), time, configure: b => b.Services
            .Configure<VonageOptions>(o => o.SignatureSecret = secret)
            .Configure<SmsOptOutOptions>(o => o.DefaultRegion = "US"));
        await using var other = await StartAsync(time, o => o.SignatureSecret = secret + "x");

        var response = await host.Client.SendAsync(MessagesRequest(body, "Bearer " + (string)vector["token"]!));
        var wrong = await other.Client.SendAsync(MessagesRequest(body, "Bearer " + (string)vector["token"]!));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(PhoneNumber.Parse("+14155552671"))).Should().BeTrue("a STOP to the short code 12345");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden, "padding the key changes nothing but its length: another secret is still refused");
    }

    private static HttpRequestMessage MessagesRequest(string body, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static Task<ProviderHost> StartAsync(TimeProvider time, Action<VonageOptions> configure) =>
        ProviderHost.StartAsync(new VonageFixture(), time, configure: b => b.Services.Configure(configure));

    private static JsonNode SmsVector(string id) => Sms.Value["vectors"]!.AsArray().Single(v => (string)v!["id"]! == id)!;

    private static Dictionary<string, string> Parameters(JsonNode node) => node.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    private static Dictionary<string, string> With(Dictionary<string, string> parameters, string sig) => new(parameters, StringComparer.Ordinal) { ["sig"] = sig };

    private static VonageSignatureMethod Method(string sdkEnum) => sdkEnum switch
    {
        "MD5HASH" => VonageSignatureMethod.Md5Hash,
        "MD5HMAC" => VonageSignatureMethod.Md5,
        "SHA1HMAC" => VonageSignatureMethod.Sha1,
        "SHA256HMAC" => VonageSignatureMethod.Sha256,
        "SHA512HMAC" => VonageSignatureMethod.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(sdkEnum), sdkEnum, "Not one of @vonage/sms's algorithms."),
    };

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)))!;
}
