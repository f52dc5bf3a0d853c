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
