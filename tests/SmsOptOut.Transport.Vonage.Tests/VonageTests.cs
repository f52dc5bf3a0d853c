using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Vonage.Internal;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>What is particular to Vonage: its form API and its statuses, its signature on Vonage's own vectors, its three webhook shapes, its receipts.</summary>
public sealed class VonageTests
{
    private static readonly VonageFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>Signatures from Vonage's official Python library's tests (vonage-python-sdk, <c>http_client/tests/test_auth.py</c>), secret <c>signature_secret</c>.</summary>
    public static TheoryData<VonageSignatureMethod, Dictionary<string, string>, string> OfficialVectors => new()
    {
        { VonageSignatureMethod.Sha256, new() { ["param1"] = "value1", ["param2"] = "value2", ["timestamp"] = "1234567890" }, "280c4320703dbc98bfa22db676655ed2acfbfe8792b062ff7622e67f1183c287" },
        { VonageSignatureMethod.Md5, new() { ["param1"] = "value1", ["param2"] = "value2", ["timestamp"] = "1234567890" }, "724c2bf6ca423c36e20631b11d1c5753" },
        { VonageSignatureMethod.Md5, new() { ["param1"] = "value&1", ["param2"] = "value=2", ["timestamp"] = "1234567890" }, "2bbf0abafb2c55e5af6231513896a2ac" },
        { VonageSignatureMethod.Md5, new() { ["param"] = "value", ["timestamp"] = "1234567890", ["sig"] = "ignored" }, "655a4d0b7f064dff438defc52b012cf5" },
    };

    [Theory]
    [MemberData(nameof(OfficialVectors))]
    public void Our_signature_is_the_one_Vonages_library_computes_and_compares_in_any_case(VonageSignatureMethod method, Dictionary<string, string> fields, string expected)
    {
        VonageSignature.Compute(fields, "signature_secret", method).Should().Be(expected);
        var signed = new Dictionary<string, string>(fields) { ["sig"] = expected.ToUpperInvariant() };
        VonageSignature.IsValid(signed, "signature_secret", method).Should().BeTrue("the .NET SDK writes upper-case hex");
        VonageSignature.IsValid(signed, "signature_secret2", method).Should().BeFalse();
    }

    [Fact]
    public void The_legacy_MD5_hash_is_the_MD5_of_the_sorted_parameters_followed_by_the_secret()
    {
        var fields = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1&x=y" };
#pragma warning disable CA5351 // the legacy method Vonage offers is MD5
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("&a=1_x_y&b=2secret")));
#pragma warning restore CA5351

        VonageSignature.Compute(fields, "secret", VonageSignatureMethod.Md5Hash).Should().Be(expected);
    }

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
        fields["sig"] = VonageSignature.Compute(fields, VonageFixture.SignatureSecret, VonageSignatureMethod.Sha256);
        var request = shape == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/vonage?" + string.Join("&", fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")))
            : new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/vonage") { Content = new StringContent(JsonSerializer.Serialize(fields), Encoding.UTF8, "application/json") };

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
    }

    [Fact]
    public async Task The_legacy_MD5_hash_method_verifies_when_the_account_uses_it()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.SignatureMethod = VonageSignatureMethod.Md5Hash));

        var md5 = await host.Client.SendAsync(VonageFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture),
            VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-1"), DateTimeOffset.UtcNow, "n-1", VonageSignatureMethod.Md5Hash));
        var sha = await host.Client.SendAsync(VonageFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture),
            VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-2"), DateTimeOffset.UtcNow, "n-2"));

        md5.StatusCode.Should().Be(HttpStatusCode.OK);
        sha.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the account signs with the MD5 hash, not HMAC-SHA256");
    }

    [Theory]
    [InlineData("failed", "9", true)]
    [InlineData("rejected", "9", true)]
    [InlineData("failed", "6", false)]
    [InlineData("delivered", "0", false)]
    public async Task A_delivery_receipt_records_an_opt_out_only_for_err_code_9_and_only_once(string status, string errorCode, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var receipt = new Dictionary<string, string>
        {
            ["msisdn"] = "14155552671", ["to"] = "18005550100", ["network-code"] = "12345", ["messageId"] = "dlr-9", ["price"] = "0.00000000",
            ["status"] = status, ["scts"] = "2611270614", ["err-code"] = errorCode, ["api-key"] = VonageFixture.ApiKey, ["message-timestamp"] = "2026-11-27 06:14:08",
        };

        var first = await host.Client.SendAsync(VonageFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), receipt, DateTimeOffset.UtcNow, "r-1"));
        var again = await host.Client.SendAsync(VonageFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), receipt, DateTimeOffset.UtcNow, "r-2"));

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
    public async Task Without_a_signature_secret_every_webhook_is_refused_naming_the_option()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<VonageOptions>(o => o.SignatureSecret = null));

        var response = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "x", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("VonageOptions.SignatureSecret");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_signed_message_without_a_sender_is_refused_with_400_naming_the_field()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var fields = VonageFixture.Inbound(Person, ProviderHost.AccountNumber, "STOP", "m-x");
        fields.Remove("msisdn");

        var response = await host.Client.SendAsync(VonageFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), fields, DateTimeOffset.UtcNow, "n-x"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"msisdn\"");
    }
}
