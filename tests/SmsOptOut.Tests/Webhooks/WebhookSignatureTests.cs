using System.Text;
using Microsoft.AspNetCore.Http;
using SmsOptOut.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace SmsOptOut.Tests.Webhooks;

/// <summary>Our signatures checked by an independent implementation: the StandardWebhooks NuGet package.</summary>
public class WebhookSignatureTests
{
    private const string Body = "{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"Optout Link\"}";
    private static readonly string SecretA = WebhookSecret.Generate();
    private static readonly string SecretB = WebhookSecret.Generate();

    [Fact]
    public void Our_signature_equals_the_reference_implementation()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_795_760_048);

        var ours = StandardWebhookSignature.Sign("msg_1", at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body), [SecretA]);

        ours.Should().Be(new StandardWebhook(SecretA).Sign("msg_1", at, Body));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(300)]
    public void The_reference_implementation_accepts_our_headers_within_tolerance(int offsetSeconds)
    {
        var headers = Headers("msg_2", DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds, [SecretA]);

        FluentActions.Invoking(() => new StandardWebhook(SecretA).Verify(Body, headers)).Should().NotThrow();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void The_reference_implementation_rejects_our_headers_outside_tolerance(int offsetSeconds)
    {
        var headers = Headers("msg_3", DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds, [SecretA]);

        FluentActions.Invoking(() => new StandardWebhook(SecretA).Verify(Body, headers)).Should().Throw<WebhookVerificationException>();
    }

    [Fact]
    public void During_rotation_both_secrets_verify_and_a_third_does_not()
    {
        var headers = Headers("msg_4", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), [SecretA, SecretB]);
        var signatures = headers["webhook-signature"].ToString().Split(' ');

        signatures.Should().HaveCount(2).And.AllSatisfy(s => s.Should().StartWith("v1,"));
        FluentActions.Invoking(() => new StandardWebhook(SecretA).Verify(Body, headers)).Should().NotThrow();

        // StandardWebhooks 1.1.2 compares the whole header, not the last entry, once no space is left, so it can only
        // match the first of several signatures. Each of ours is therefore also checked on its own.
        foreach (var (secret, signature) in new[] { (SecretA, signatures[0]), (SecretB, signatures[1]) })
        {
            var single = new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
            FluentActions.Invoking(() => new StandardWebhook(secret).Verify(Body, single)).Should().NotThrow();
        }

        var now = DateTimeOffset.UtcNow;
        var ts = headers["webhook-timestamp"].ToString();
        StandardWebhookSignature.Verify("msg_4", ts, headers["webhook-signature"], Body, [SecretA], now).Should().Be(WebhookVerificationResult.Valid);
        StandardWebhookSignature.Verify("msg_4", ts, headers["webhook-signature"], Body, [SecretB], now).Should().Be(WebhookVerificationResult.Valid);
        FluentActions.Invoking(() => new StandardWebhook(WebhookSecret.Generate()).Verify(Body, headers)).Should().Throw<WebhookVerificationException>();
        StandardWebhookSignature.Verify("msg_4", ts, headers["webhook-signature"], Body, [WebhookSecret.Generate()], now).Should().Be(WebhookVerificationResult.InvalidSignature);
    }

    [Theory]
    [InlineData(-300, WebhookVerificationResult.Valid)]
    [InlineData(300, WebhookVerificationResult.Valid)]
    [InlineData(-301, WebhookVerificationResult.TimestampOutOfTolerance)]
    [InlineData(301, WebhookVerificationResult.TimestampOutOfTolerance)]
    public void Our_verifier_allows_exactly_300_seconds(int offsetSeconds, WebhookVerificationResult expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_795_760_048);
        var timestamp = now.ToUnixTimeSeconds() + offsetSeconds;
        var signature = StandardWebhookSignature.Sign("msg_5", timestamp, Encoding.UTF8.GetBytes(Body), [SecretA]);

        StandardWebhookSignature.Verify("msg_5", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Body, [SecretB, SecretA], now)
            .Should().Be(expected);
    }

    [Fact]
    public void Our_verifier_names_what_is_wrong()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_795_760_048);
        var ts = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = StandardWebhookSignature.Sign("msg_6", now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body), [SecretA]);

        StandardWebhookSignature.Verify("msg_6", ts, signature, Body.Replace("+49", "+48", StringComparison.Ordinal), [SecretA], now).Should().Be(WebhookVerificationResult.InvalidSignature);
        StandardWebhookSignature.Verify("msg_7", ts, signature, Body, [SecretA], now).Should().Be(WebhookVerificationResult.InvalidSignature, "the id is signed");
        StandardWebhookSignature.Verify("msg_6", ts, signature, Body, [SecretB], now).Should().Be(WebhookVerificationResult.InvalidSignature);
        StandardWebhookSignature.Verify("msg_6", ts, "v2," + signature[3..], Body, [SecretA], now).Should().Be(WebhookVerificationResult.InvalidSignature);
        StandardWebhookSignature.Verify("msg_6", ts, "v1,not-base64!!", Body, [SecretA], now).Should().Be(WebhookVerificationResult.InvalidSignature);
        StandardWebhookSignature.Verify("msg_6", "yesterday", signature, Body, [SecretA], now).Should().Be(WebhookVerificationResult.InvalidTimestamp);
        StandardWebhookSignature.Verify("msg_6", "-5", signature, Body, [SecretA], now).Should().Be(WebhookVerificationResult.InvalidTimestamp);
        StandardWebhookSignature.Verify(null, ts, signature, Body, [SecretA], now).Should().Be(WebhookVerificationResult.MissingHeader);
        StandardWebhookSignature.Verify("msg_6", ts, "", Body, [SecretA], now).Should().Be(WebhookVerificationResult.MissingHeader);
    }

    [Fact]
    public void Secrets_are_whsec_base64_of_24_to_64_bytes()
    {
        var secret = WebhookSecret.Generate();

        secret.Should().StartWith("whsec_");
        WebhookSecret.TryGetKey(secret, out var key).Should().BeTrue();
        key.Should().HaveCount(32);
        WebhookSecret.TryGetKey("whsec_" + Convert.ToBase64String(new byte[23]), out _).Should().BeFalse();
        WebhookSecret.TryGetKey("whsec_" + Convert.ToBase64String(new byte[65]), out _).Should().BeFalse();
        WebhookSecret.TryGetKey("whsec_not base64", out _).Should().BeFalse();
        FluentActions.Invoking(() => StandardWebhookSignature.Sign("m", 1, [], ["whsec_short"])).Should().Throw<ArgumentException>().WithMessage("*24 to 64*");
    }

    private static HeaderDictionary Headers(string id, long timestamp, string[] secrets) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = StandardWebhookSignature.Sign(id, timestamp, Encoding.UTF8.GetBytes(Body), secrets),
    };
}
