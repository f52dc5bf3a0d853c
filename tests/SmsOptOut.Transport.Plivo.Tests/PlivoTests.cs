using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>What is particular to Plivo: its request format, its V3 signature byte for byte, its status callbacks (its signature schemes: <c>PlivoTests.Signatures.cs</c>).</summary>
public sealed partial class PlivoTests
{
    private const string Nonce = "05429567804466091622";
    private static readonly PlivoFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    private static readonly Dictionary<string, string> InboundStop = new()
    {
        ["From"] = "14155552671", ["To"] = "18005550100", ["Text"] = "STOP", ["Type"] = "sms", ["MessageUUID"] = "2a1f6f6e-0b9a-11f1-9f5c-0242ac110002",
        ["Units"] = "1", ["TotalRate"] = "0.00000", ["TotalAmount"] = "0.00000",
    };

    /// <summary>
    /// Signatures computed by Plivo's official library (plivo-python, <c>plivo/utils/signature_v3.py</c>) with the
    /// fixture's auth token and <see cref="Nonce"/>: a POST, a POST with a query and a port, a GET, a POST without fields.
    /// Each is also accepted by plivo-node 4.79.0's <c>validateV3Signature</c> (checked when V2 was added).
    /// </summary>
    public static TheoryData<string, string, Dictionary<string, string>, string> OfficialVectors => new()
    {
        { "POST", "https://opt.example/sms/inbound/plivo", InboundStop, "D+IJVVjwdu1paTPpyuZ7OBjTxi7b50xABKdi1UJDF9Y=" },
        {
            "POST", "https://opt.example:8443/sms/inbound/plivo/acme?tenant=b&a=1",
            new() { ["From"] = "14155552671", ["To"] = "18005550100", ["Text"] = "Stop please & thanks = ok", ["MessageUUID"] = "x1" },
            "JPq0dS6KmwC2IoVpOEcnvj7lPpW9cBC3BWYj9jJuz8I="
        },
        { "GET", "https://opt.example/sms/inbound/plivo?To=18005550100&From=14155552671&Text=STOP&MessageUUID=g1&Type=sms", new(), "ULhiGBCVpUfjDuycXnTl9Zse4+/fGVm2f33OprcQrk4=" },
        { "POST", "https://opt.example/sms/inbound/plivo?x=1", new(), "szV394/0oD1mHS+pWgxZlUjxoeVc5m+oZh48J3diuko=" },
    };

    [Theory]
    [MemberData(nameof(OfficialVectors))]
    public void Our_signature_is_byte_for_byte_the_one_Plivos_library_computes(string method, string url, Dictionary<string, string> form, string expected)
    {
        PlivoSignature.ComputeV3(method, url, form, Nonce, PlivoFixture.AuthToken).Should().Be(expected);
        PlivoSignature.IsValid(PlivoSignatureScheme.V3, method, url, [.. form], Nonce, "c29tZXRoaW5nIGVsc2U=, " + expected, PlivoFixture.AuthToken).Should().BeTrue("any of the listed signatures may match");
        PlivoSignature.IsValid(PlivoSignatureScheme.V3, method, url, [.. form], Nonce + "1", expected, PlivoFixture.AuthToken).Should().BeFalse("the nonce is signed");
    }

    [Fact]
    public async Task A_webhook_signed_by_Plivos_library_is_accepted_over_HTTP_and_its_nonce_only_once()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var posted = await host.Client.SendAsync(OfficialPost());
        await host.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
        var replayed = await host.Client.SendAsync(OfficialPost());

        posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        replayed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(Person)).Select(e => (e.Kind, e.Source)).Should().Equal((ConsentKind.OptOut, OptOutSource.Keyword), (ConsentKind.OptIn, OptOutSource.Api));

        static HttpRequestMessage OfficialPost()
        {
            var post = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/plivo") { Content = new FormUrlEncodedContent(InboundStop) };
            post.Headers.Add("X-Plivo-Signature-V3", "D+IJVVjwdu1paTPpyuZ7OBjTxi7b50xABKdi1UJDF9Y=");
            post.Headers.Add("X-Plivo-Signature-V3-Nonce", Nonce);
            return post;
        }
    }

    [Fact]
    public async Task A_GET_webhook_signed_over_its_query_opts_the_sender_out()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var get = new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/plivo?To=18005550100&From=14155552671&Text=STOP&MessageUUID=g1&Type=sms");
        get.Headers.Add("X-Plivo-Signature-V3", "ULhiGBCVpUfjDuycXnTl9Zse4+/fGVm2f33OprcQrk4=");
        get.Headers.Add("X-Plivo-Signature-V3-Nonce", Nonce);

        var response = await host.Client.SendAsync(get);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    [Fact]
    public async Task A_message_is_posted_in_Plivos_format()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<PlivoOptions>(o => o.StatusCallbackUrl = new Uri("https://opt.example/sms/inbound/plivo")));
        host.Answer(Fixture.Sent);

        await host.Transport.SendAsync(new SmsMessage(Person, "Sale! Reply STOP to opt out") { Account = ProviderHost.Account });

        var request = host.Api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/v1/Account/{PlivoFixture.AuthId}/Message/");
        request.Header("authorization").Should().Be("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{PlivoFixture.AuthId}:{PlivoFixture.AuthToken}")));
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("src").GetString().Should().Be("+18005550100");
        body.RootElement.GetProperty("dst").GetString().Should().Be("+14155552671");
        body.RootElement.GetProperty("text").GetString().Should().Be("Sale! Reply STOP to opt out");
        body.RootElement.GetProperty("url").GetString().Should().Be("https://opt.example/sms/inbound/plivo");
        body.RootElement.GetProperty("method").GetString().Should().Be("POST");
    }

    [Theory]
    [InlineData("failed", "200", true)]
    [InlineData("undelivered", "200", true)]
    [InlineData("failed", "30", false)]
    [InlineData("delivered", "000", false)]
    public async Task A_status_callback_records_an_opt_out_only_for_error_200_and_only_once(string status, string errorCode, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = new Dictionary<string, string>
        {
            ["Status"] = status, ["ErrorCode"] = errorCode, ["From"] = "18005550100", ["To"] = "14155552671", ["MessageUUID"] = "m-200",
            ["MessageTime"] = "2026-11-27 06:14:08", ["TotalRate"] = "0.0050", ["Units"] = "1",
        };

        var first = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), form, "n-1"));
        var again = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), form, "n-2"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await host.HistoryAsync(Person);
        if (optedOut)
        {
            var e = history.Should().ContainSingle("Plivo's repeat names the same message").Subject;
            e.Source.Should().Be(OptOutSource.ProviderError);
            e.Evidence.ProviderErrorCode.Should().Be("200");
            e.Evidence.ProviderMessageId.Should().Be("m-200");
        }
        else
        {
            history.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_signed_message_without_a_sender_is_refused_with_400_naming_the_field()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = new Dictionary<string, string> { ["To"] = "18005550100", ["Text"] = "STOP", ["MessageUUID"] = "m-x" };

        var response = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), form, "n-x"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"From\"");
    }

    [Fact]
    public async Task A_JSON_body_is_refused_with_415()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.PostAsync("/sms/inbound/plivo", new StringContent("{\"From\":\"14155552671\"}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Two_tenants_on_two_Plivo_subaccounts_verify_with_their_own_tokens()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b
            .UseProviderOptions<PlivoOptions>((account, _) => ValueTask.FromResult(account == tenant
                ? new PlivoOptions { AuthId = "SAODUZYTQ0Y2FMYJBLOW", AuthToken = "tenant-b-token", From = "+18005550199" }
                : null)),
            endpoints: o => o.ResolveInboundAccount = (number, _) => ValueTask.FromResult<AccountId?>(number == PhoneNumber.Parse("+18005550199") ? tenant : ProviderHost.Account));
        var form = new Dictionary<string, string> { ["From"] = "14155552671", ["To"] = "18005550199", ["Text"] = "STOP", ["MessageUUID"] = "t-1" };
        var url = ProviderHost.InboundUrl(Fixture);

        var withAcmesToken = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, url, form, "t-n1"));
        var request = new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(PlivoSignatureScheme.V3.SignatureHeader, PlivoSignature.ComputeV3("POST", url.ToString(), form, "t-n2", "tenant-b-token"));
        request.Headers.Add(PlivoSignatureScheme.V3.NonceHeader, "t-n2");
        var withOwnToken = await host.Client.SendAsync(request);

        withAcmesToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withOwnToken.StatusCode.Should().Be(HttpStatusCode.OK, await withOwnToken.Content.ReadAsStringAsync());
    }
}
