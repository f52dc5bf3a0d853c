using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Providers;
using SmsOptOut.Transport.Twilio.Internal;
using SmsOptOut.Transport.Twilio.Tests.Fakes;
using TwilioSdk = global::Twilio.Security.RequestValidator;

namespace SmsOptOut.Transport.Twilio.Tests;

/// <summary>
/// The signatures of <c>Vectors/twilio-x-twilio-signature.json</c>, computed by Twilio's Node.js library 6.3.1: the auth
/// token's HMAC-SHA1, a Webhook Rule's SharedKey with HMAC-SHA256, a JSON webhook's <c>bodySHA256</c>, Twilio's documented
/// example — each accepted, and each of the library's tampered variants refused; the whole request also through the
/// package's reader, headers and raw body as Twilio sends them.
/// </summary>
public sealed class TwilioSignatureVectorTests
{
    private static readonly JsonElement Vectors = Load();

    private static JsonElement Classic => Vectors.GetProperty("classic_sha1");

    private static JsonElement SharedKey => Vectors.GetProperty("shared_key_sha256");

    private static JsonElement Json => Vectors.GetProperty("body_sha256_json");

    [Fact]
    public void The_vectors_come_from_twilio_node_6_3_1()
    {
        Vectors.GetProperty("sdk").GetProperty("version").GetString().Should().Be("6.3.1");
        Vectors.GetProperty("verified_by_sdk").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void The_auth_token_signature_of_an_inbound_STOP_is_the_one_Twilio_computes()
    {
        var url = Classic.GetProperty("request").GetProperty("url").GetString()!;
        var token = Classic.GetProperty("auth_token").GetString()!;
        var expected = Classic.GetProperty("expected_signature").GetString()!;

        TwilioRequestValidator.ComputeSignature(url, Params(Classic), token).Should().Be(expected);
        TwilioRequestValidator.IsValid(url, Params(Classic), expected, token).Should().BeTrue();
    }

    public static TheoryData<string, string> TamperedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scheme in new[] { "classic_sha1", "shared_key_sha256" })
        {
            foreach (var tampered in Vectors.GetProperty(scheme).GetProperty("tampered").EnumerateArray().Where(t => t.TryGetProperty("params", out _)))
            {
                data.Add(scheme, tampered.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TamperedCases))]
    public void Every_variant_Twilios_library_refuses_is_refused(string scheme, string id)
    {
        var tampered = Vectors.GetProperty(scheme).GetProperty("tampered").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        tampered.GetProperty("sdk_result").GetBoolean().Should().BeFalse("the vector records what the library said");

        var valid = TwilioRequestValidator.IsValid(tampered.GetProperty("url").GetString()!, Params(tampered), tampered.GetProperty("X-Twilio-Signature").GetString(),
            tampered.GetProperty("secret").GetString()!, Algorithm(tampered.TryGetProperty("algorithm", out var a) ? a.GetString() : "HMAC_SHA1"));

        valid.Should().BeFalse($"{scheme}/{id}: {tampered.GetProperty("description").GetString()}");
    }

    [Fact]
    public void The_SharedKey_signature_is_HMAC_SHA256_of_the_same_string_keyed_with_the_SharedKey_secret()
    {
        var url = SharedKey.GetProperty("request").GetProperty("url").GetString()!;
        var secret = SharedKey.GetProperty("shared_key_secret").GetString()!;
        var expected = SharedKey.GetProperty("expected_signature").GetString()!;

        TwilioRequestValidator.ComputeSignature(url, Params(SharedKey), secret, HashAlgorithmName.SHA256).Should().Be(expected);
        TwilioRequestValidator.IsValid(url, Params(SharedKey), expected, secret, HashAlgorithmName.SHA256).Should().BeTrue();
        TwilioRequestValidator.IsValid(url, Params(SharedKey), expected, secret, HashAlgorithmName.SHA1).Should().BeFalse("the header's algorithm decides, not a default");
        new TwilioSdk(secret).Validate(url, ParamsDictionary(SharedKey), expected, TwilioSdk.HmacSha256).Should().BeTrue("twilio-csharp 8.2.0 agrees");
    }

    [Fact]
    public void An_algorithm_Twilio_does_not_sign_with_is_an_argument_error_not_a_fallback()
    {
        FluentActions.Invoking(() => TwilioRequestValidator.IsValid("https://opt.example/h", [], "x", "secret", HashAlgorithmName.SHA512))
            .Should().Throw<ArgumentException>().WithMessage("*SHA512*");
        FluentActions.Invoking(() => TwilioRequestValidator.ComputeSignature("https://opt.example/h", [], "secret", HashAlgorithmName.MD5))
            .Should().Throw<ArgumentException>().WithMessage("*MD5*");
    }

    [Fact]
    public void A_repeated_parameter_signs_as_Twilios_library_signs_it()
    {
        var repeated = Classic.GetProperty("repeated_keys");

        TwilioRequestValidator.ComputeSignature(Classic.GetProperty("request").GetProperty("url").GetString()!, Params(repeated), Classic.GetProperty("auth_token").GetString()!)
            .Should().Be(repeated.GetProperty("expected_signature").GetString());
    }

    [Fact]
    public void Twilios_documented_example_is_accepted()
    {
        var docs = Classic.GetProperty("twilio_docs_vector");

        TwilioRequestValidator.IsValid(docs.GetProperty("url").GetString()!, Params(docs), docs.GetProperty("signature").GetString(), docs.GetProperty("auth_token").GetString()!)
            .Should().BeTrue();
    }

    [Fact]
    public void The_url_variants_the_library_accepts_and_refuses_are_ours_too()
    {
        var tolerance = Classic.GetProperty("sdk_url_tolerance");
        var token = Classic.GetProperty("auth_token").GetString()!;
        var signature = Classic.GetProperty("expected_signature").GetString();
        foreach (var port in tolerance.GetProperty("port_variants").EnumerateArray())
        {
            TwilioRequestValidator.IsValid(port.GetProperty("url_given_to_sdk").GetString()!, Params(Classic), signature, token).Should().Be(port.GetProperty("sdk_result").GetBoolean());
        }

        var fragment = tolerance.GetProperty("fragment_variant");
        TwilioRequestValidator.IsValid(fragment.GetProperty("url_given_to_sdk").GetString()!, Params(Classic), signature, token)
            .Should().Be(fragment.GetProperty("sdk_result").GetBoolean(), "a fragment the signature was not made over is not accepted");
    }

    [Fact]
    public void A_JSON_webhook_is_accepted_by_its_bodySHA256_and_refused_when_the_raw_body_changed()
    {
        var request = Json.GetProperty("request");
        var url = request.GetProperty("url").GetString()!;
        var token = Json.GetProperty("auth_token").GetString()!;
        var signature = Json.GetProperty("expected_signature").GetString();

        TwilioRequestValidator.IsValidJson(url, Encoding.UTF8.GetBytes(request.GetProperty("raw_body").GetString()!), signature, token).Should().BeTrue();
        foreach (var tampered in Json.GetProperty("tampered").EnumerateArray())
        {
            TwilioRequestValidator.IsValidJson(tampered.GetProperty("url").GetString()!, Encoding.UTF8.GetBytes(tampered.GetProperty("raw_body").GetString()!),
                tampered.GetProperty("X-Twilio-Signature").GetString(), token).Should().BeFalse(tampered.GetProperty("id").GetString());
        }
    }

    public static TheoryData<string, string> AlgorithmCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in SharedKey.GetProperty("getSignatureAlgorithm_cases").EnumerateArray())
        {
            data.Add(c.GetProperty("header").GetString()!, c.GetProperty("getSignatureAlgorithm").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AlgorithmCases))]
    public void The_settings_header_names_the_algorithm_Twilios_library_reads_from_it(string header, string algorithm)
    {
        TwilioSignatureSettings.Parse(header).Algorithm.Should().Be(Algorithm(algorithm), $"'{header}'");
        TwilioSdk.GetSignatureAlgorithm(header).Should().Be(algorithm, "twilio-csharp 8.2.0 reads it the same way");
    }

    [Fact]
    public void The_settings_header_without_a_key_or_with_an_unsupported_algorithm_is_a_problem_named_in_words()
    {
        TwilioSignatureSettings.Parse("key=webhooks_sharedkey_a,algorithm=HMAC_SHA256").Should().Be(new TwilioSignatureSettings("webhooks_sharedkey_a", HashAlgorithmName.SHA256, null));
        TwilioSignatureSettings.Parse(" algorithm = hmac_sha1 , key = k1 ").Should().Be(new TwilioSignatureSettings("k1", HashAlgorithmName.SHA1, null));
        TwilioSignatureSettings.Parse("algorithm=HMAC_SHA256").Problem.Should().Contain("names no SharedKey");
        TwilioSignatureSettings.Parse("key=k1,algorithm=HMAC_SHA512").Problem.Should().Contain("'HMAC_SHA512'").And.Contain("HMAC_SHA1 or HMAC_SHA256");
        TwilioSignatureSettings.Parse("key=k1,algorithm=HMAC<script>").Problem.Should().Contain("'HMACscript…'", "what is shown of the header is only letters, digits, _ and -");
    }

    [Fact]
    public async Task The_inbound_STOP_signed_with_the_auth_token_is_read_with_Twilios_classification()
    {
        await using var services = Services();

        var result = await ReadAsync(services, Classic.GetProperty("request"));

        result.Status.Should().Be(InboundWebhookStatus.Accepted, result.Reason);
        var message = result.Messages.Should().ContainSingle().Subject;
        message.ProviderClassification.Should().Be(KeywordClass.OptOut, "the vector carries OptOutType=STOP");
        message.ProviderMessageId.Should().Be("SM0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task The_inbound_STOP_signed_with_a_SharedKey_is_accepted_with_its_headers_and_refused_when_tampered()
    {
        await using var services = Services();
        var request = SharedKey.GetProperty("request");
        var body = request.GetProperty("body").GetString()!;

        var genuine = await ReadAsync(services, request);
        var tampered = await ReadAsync(services, request, body.Replace("Body=STOP", "Body=START", StringComparison.Ordinal));
        var asSha1 = await ReadAsync(services, request, settings: "key=webhooks_sharedkey_0123456789abcdef0123456789abcdef,algorithm=HMAC_SHA1");
        var sha512 = await ReadAsync(services, request, settings: "key=webhooks_sharedkey_0123456789abcdef0123456789abcdef,algorithm=HMAC_SHA512");
        var withoutSettings = await ReadAsync(services, request, settings: "");

        genuine.Status.Should().Be(InboundWebhookStatus.Accepted, genuine.Reason);
        genuine.Messages.Should().ContainSingle().Which.ProviderClassification.Should().Be(KeywordClass.OptOut);
        tampered.Status.Should().Be(InboundWebhookStatus.Unauthorized);
        tampered.Reason.Should().Contain("X-Twilio-Signature").And.Contain("webhooks_sharedkey_0123456789abcdef0123456789abcdef").And.Contain("HMAC_SHA256");
        asSha1.Status.Should().Be(InboundWebhookStatus.Unauthorized);
        sha512.Status.Should().Be(InboundWebhookStatus.Unauthorized);
        sha512.Reason.Should().Contain("HMAC_SHA512");
        withoutSettings.Status.Should().Be(InboundWebhookStatus.Unauthorized, "without the header the auth token must have signed it, and it did not");
    }

    [Fact]
    public async Task The_JSON_webhook_is_read_after_its_body_hash_and_signature_are_checked()
    {
        await using var services = Services();
        var request = Json.GetProperty("request");

        var genuine = await ReadAsync(services, request, request.GetProperty("raw_body").GetString()!);
        var changed = await ReadAsync(services, request, Json.GetProperty("tampered")[0].GetProperty("raw_body").GetString()!);

        genuine.Status.Should().Be(InboundWebhookStatus.Accepted, genuine.Reason);
        genuine.Messages.Should().ContainSingle().Which.ProviderClassification.Should().Be(KeywordClass.OptOut);
        changed.Status.Should().Be(InboundWebhookStatus.Unauthorized);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSmsOptOut(o => o.DefaultRegion = "US").UseInMemory().AddTwilio(o =>
        {
            o.AccountSid = Classic.GetProperty("params").GetProperty("AccountSid").GetString()!;
            o.AuthToken = Classic.GetProperty("auth_token").GetString()!;
            o.From = "+14155550199";
            o.WebhookSharedKeys[SharedKey.GetProperty("shared_key_id").GetString()!] = SharedKey.GetProperty("shared_key_secret").GetString()!;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>The vector's request as Twilio sent it (its body, or <paramref name="body"/>; its settings header, or <paramref name="settings"/>, empty for none).</summary>
    private static Task<InboundWebhookResult> ReadAsync(ServiceProvider services, JsonElement request, string? body = null, string? settings = null)
    {
        var headers = request.GetProperty("headers").EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!)).ToList();
        if (settings is not null)
        {
            headers.RemoveAll(h => h.Key == TwilioRequestValidator.SignatureSettingsHeader);
            if (settings.Length > 0)
            {
                headers.Add(new(TwilioRequestValidator.SignatureSettingsHeader, settings));
            }
        }

        var raw = body ?? request.GetProperty(request.TryGetProperty("body", out _) ? "body" : "raw_body").GetString()!;
        var inbound = new InboundWebhookRequest(request.GetProperty("method").GetString()!, new Uri(request.GetProperty("url").GetString()!), headers,
            Encoding.UTF8.GetBytes(raw), DateTimeOffset.UtcNow) { DefaultRegion = "US" };
        return services.GetRequiredService<TwilioInboundReader>().ReadAsync(inbound, new FixedAccountResolver(new AccountId("acme")));
    }

    private static List<KeyValuePair<string, string>> Params(JsonElement vector)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var p in vector.GetProperty("params").EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                fields.AddRange(p.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(p.Name, v.GetString()!)));
            }
            else
            {
                fields.Add(new(p.Name, p.Value.GetString()!));
            }
        }

        return fields;
    }

    private static Dictionary<string, string> ParamsDictionary(JsonElement vector) => Params(vector).ToDictionary(p => p.Key, p => p.Value);

    private static HashAlgorithmName Algorithm(string? name) => name switch
    {
        "HMAC_SHA1" or null => HashAlgorithmName.SHA1,
        "HMAC_SHA256" => HashAlgorithmName.SHA256,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an algorithm Twilio signs with."),
    };

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", "twilio-x-twilio-signature.json")));
        return document.RootElement.Clone();
    }
}
