using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Transport.Twilio.Tests;

public class TwilioInboundTests
{
    [Fact]
    public void The_signature_matches_Twilios_documented_example()
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
        };
        const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

        TwilioRequestValidator.ComputeSignature(Url, form, "12345").Should().Be("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        TwilioRequestValidator.IsValid(Url, form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "12345").Should().BeTrue();
        TwilioRequestValidator.IsValid(Url, form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "54321").Should().BeFalse();
        TwilioRequestValidator.IsValid(Url + "&x=1", form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "12345").Should().BeFalse();
        TwilioRequestValidator.IsValid(Url, new Dictionary<string, string>(form) { ["Digits"] = "1235" }, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "12345").Should().BeFalse();
        TwilioRequestValidator.IsValid(Url, form, null, "12345").Should().BeFalse();
        TwilioRequestValidator.IsValid(Url, form, "", "12345").Should().BeFalse();
    }

    public static TheoryData<string, string> UrlPairs() => new()
    {
        { "https://opt.example/sms/inbound/twilio", "https://opt.example:443/sms/inbound/twilio" },
        { "https://opt.example:443/sms/inbound/twilio?tenant=a", "https://opt.example/sms/inbound/twilio?tenant=a" },
        { "http://opt.example/hook", "http://opt.example:80/hook" },
        { "http://opt.example:80/hook", "http://opt.example/hook" },
    };

    [Theory]
    [MemberData(nameof(UrlPairs))]
    public void A_signature_over_the_url_with_or_without_its_default_port_is_accepted(string signedUrl, string requestUrl)
    {
        var form = new Dictionary<string, string> { ["From"] = "+14155552671", ["To"] = "+18005550100", ["Body"] = "STOP" };
        var signature = TwilioRequestValidator.ComputeSignature(signedUrl, form, "auth-token");

        TwilioRequestValidator.IsValid(requestUrl, form, signature, "auth-token").Should().BeTrue();
        TwilioRequestValidator.IsValid(requestUrl.Replace("opt.example", "other.example", StringComparison.Ordinal), form, signature, "auth-token").Should().BeFalse();
        if (!requestUrl.Contains(":443", StringComparison.Ordinal) && !requestUrl.Contains(":80", StringComparison.Ordinal))
        {
            // twilio-csharp checks the same two variants for a URL given without its port (given with one, its UriBuilder drops it).
            new global::Twilio.Security.RequestValidator("auth-token").Validate(requestUrl, form, signature).Should().BeTrue("Twilio's own helper accepts it too");
        }
    }

    [Fact]
    public void A_non_default_port_is_part_of_what_is_signed()
    {
        var form = new Dictionary<string, string> { ["Body"] = "STOP" };
        var signature = TwilioRequestValidator.ComputeSignature("https://opt.example:8443/hook", form, "auth-token");

        TwilioRequestValidator.IsValid("https://opt.example:8443/hook", form, signature, "auth-token").Should().BeTrue();
        TwilioRequestValidator.IsValid("https://opt.example/hook", form, signature, "auth-token").Should().BeFalse();
        new global::Twilio.Security.RequestValidator("auth-token").Validate("https://opt.example/hook", form, signature).Should().BeFalse();
    }

    [Fact]
    public void Our_signatures_validate_with_Twilios_own_helper_and_theirs_with_ours()
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["Body"] = "Arrête & stop = ✋", ["From"] = "+33612345678", ["MessageSid"] = "SM1",
            ["NumMedia"] = "0", ["To"] = "+18005550100",
        };
        const string Url = "https://opt.example/sms/inbound/twilio?x=1&y=%20z";

        var ours = TwilioRequestValidator.ComputeSignature(Url, form, "s3cret");

        new global::Twilio.Security.RequestValidator("s3cret").Validate(Url, form, ours).Should().BeTrue();
        new global::Twilio.Security.RequestValidator("s3cret").Validate(Url, form, ours[..^2] + "A=").Should().BeFalse();
    }

    [Fact]
    public void A_repeated_parameter_signs_each_distinct_value_in_order()
    {
        var repeated = new List<KeyValuePair<string, string>> { new("MediaUrl", "b"), new("Body", "x"), new("MediaUrl", "a"), new("MediaUrl", "b") };

        TwilioRequestValidator.ComputeSignature("https://opt.example/h", repeated, "t").Should()
            .Be(TwilioRequestValidator.ComputeSignature("https://opt.example/h", [new("Body", "x"), new("MediaUrl", "a"), new("MediaUrl", "b")], "t"),
                "Twilio's helpers sort a parameter's values and take each once");
    }

    [Fact]
    public void A_json_webhook_is_signed_over_its_url_with_the_body_hash()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"From\":\"+14155552671\",\"Body\":\"STOP\"}");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        var url = $"https://opt.example/sms/inbound/twilio?bodySHA256={hash}";
        var signature = TwilioRequestValidator.ComputeSignature(url, [], "auth-token");

        TwilioRequestValidator.IsValidJson(url, body, signature, "auth-token").Should().BeTrue();
        new global::Twilio.Security.RequestValidator("auth-token").Validate(url, System.Text.Encoding.UTF8.GetString(body), signature).Should().BeTrue();
        TwilioRequestValidator.IsValidJson(url, [.. body, (byte)' '], signature, "auth-token").Should().BeFalse("the body is not the one hashed");
        TwilioRequestValidator.IsValidJson("https://opt.example/sms/inbound/twilio", body, TwilioRequestValidator.ComputeSignature("https://opt.example/sms/inbound/twilio", [], "auth-token"), "auth-token")
            .Should().BeFalse("without bodySHA256 nothing vouches for the body");
    }

    [Fact]
    public void An_inbound_webhook_maps_to_an_inbound_sms()
    {
        var at = DateTimeOffset.UtcNow;
        var sms = TwilioInbound.ToInboundSms(new AccountId("acme"), new Dictionary<string, string>
        {
            ["MessageSid"] = "SM11", ["From"] = "+14155552671", ["To"] = "+18005550100", ["Body"] = "Stop", ["AccountSid"] = "AC1",
        }, at);

        sms.Should().BeEquivalentTo(new SmsOptOut.Keywords.InboundSms(new AccountId("acme"), PhoneNumber.Parse("+14155552671"), PhoneNumber.Parse("+18005550100"), "Stop", at)
        {
            ProviderMessageId = "SM11", ProviderName = "twilio",
        });
        FluentActions.Invoking(() => TwilioInbound.ToInboundSms(new AccountId("acme"), new Dictionary<string, string> { ["To"] = "+18005550100" }, at))
            .Should().Throw<ArgumentException>().WithMessage("*'From'*");
        FluentActions.Invoking(() => TwilioInbound.ToInboundSms(new AccountId("acme"), new Dictionary<string, string> { ["From"] = "abc", ["To"] = "+18005550100" }, at))
            .Should().Throw<ArgumentException>().WithMessage("*'abc'*");
    }

    [Fact]
    public void TwiML_replies_are_escaped_and_silence_is_an_empty_response()
    {
        TwilioInbound.TwimlResponse("You're out <for good> & done").Should()
            .Be("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>You&apos;re out &lt;for good&gt; &amp; done</Message></Response>");
        TwilioInbound.TwimlResponse(null).Should().Be("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    }
}
