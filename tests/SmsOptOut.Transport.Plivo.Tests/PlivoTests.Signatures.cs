using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>
/// Plivo's signature schemes together: each header with its own key, one verified scheme enough, the nonce as the
/// one-time value, and what V2 (which signs no body) does and does not prove. Signed here with the package's own
/// computation, which <see cref="PlivoSdkVectorTests"/> holds to Plivo's SDKs byte for byte.
/// </summary>
public sealed partial class PlivoTests
{
    private static readonly Uri Url = ProviderHost.InboundUrl(Fixture);

    public static TheoryData<string> SchemeNames => [.. PlivoSignatureScheme.All.Select(s => s.Name)];

    private static Dictionary<string, string> Stop(string id) => new()
    {
        ["From"] = "14155552671", ["To"] = "18005550100", ["Text"] = "STOP", ["Type"] = "sms", ["MessageUUID"] = id,
    };

    private static PlivoOptions Credentials(string? main = PlivoFixture.MainAccountAuthToken) =>
        new() { AuthId = PlivoFixture.AuthId, AuthToken = PlivoFixture.AuthToken, MainAccountAuthToken = main, From = "+18005550100" };

    [Theory]
    [MemberData(nameof(SchemeNames))]
    public void Each_header_verifies_with_its_own_token_and_not_with_the_other(string name)
    {
        var scheme = PlivoSignatureScheme.Named(name);
        var (own, other) = scheme.MainAccount ? (PlivoFixture.MainAccountAuthToken, PlivoFixture.AuthToken) : (PlivoFixture.AuthToken, PlivoFixture.MainAccountAuthToken);
        var form = Stop("k-1").ToList();

        Verify(form, Credentials(), (scheme, scheme.Compute("POST", Url.ToString(), form, "n-1", own), "n-1")).Verified.Should().Equal(scheme);
        Verify(form, Credentials(), (scheme, scheme.Compute("POST", Url.ToString(), form, "n-1", other), "n-1")).IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData("ma-v2")]
    [InlineData("ma-v3")]
    public void Without_a_main_account_token_the_Ma_headers_verify_with_the_Auth_Token(string name)
    {
        var scheme = PlivoSignatureScheme.Named(name);
        var form = Stop("k-2").ToList();

        Verify(form, Credentials(main: null), (scheme, scheme.Compute("POST", Url.ToString(), form, "n-2", PlivoFixture.AuthToken), "n-2"))
            .Verified.Should().Equal([scheme], "the account is the main account");
        Verify(form, Credentials(main: null), (scheme, scheme.Compute("POST", Url.ToString(), form, "n-2", PlivoFixture.MainAccountAuthToken), "n-2"))
            .IsValid.Should().BeFalse();
    }

    [Fact]
    public void When_V3_and_V2_are_both_present_one_that_verifies_is_enough()
    {
        var form = Stop("k-3").ToList();
        var otherBody = Stop("k-other").ToList();
        var v3 = PlivoSignature.ComputeV3("POST", Url.ToString(), form, "n-3", PlivoFixture.AuthToken);
        var v3OverAnotherBody = PlivoSignature.ComputeV3("POST", Url.ToString(), otherBody, "n-3", PlivoFixture.AuthToken);
        var v2 = PlivoSignature.ComputeV2(Url.ToString(), "n-2", PlivoFixture.AuthToken);
        const string Wrong = "c29tZXRoaW5nIGVsc2UgZW50aXJlbHkgaGVyZSE9PT0=";

        Verify(form, Credentials(), (PlivoSignatureScheme.V3, v3, "n-3"), (PlivoSignatureScheme.V2, Wrong, "n-2")).Verified.Should().Equal(PlivoSignatureScheme.V3);
        Verify(form, Credentials(), (PlivoSignatureScheme.V3, v3OverAnotherBody, "n-3"), (PlivoSignatureScheme.V2, v2, "n-2")).Verified.Should().Equal(PlivoSignatureScheme.V2);
        var neither = Verify(form, Credentials(), (PlivoSignatureScheme.V3, Wrong, "n-3"), (PlivoSignatureScheme.MaV2, Wrong, "n-2"));
        neither.IsValid.Should().BeFalse();
        neither.Refusal.Should().Contain("X-Plivo-Signature-V3 does not match").And.Contain("X-Plivo-Signature-Ma-V2 does not match")
            .And.Contain("MainAccountAuthToken").And.NotContain(PlivoFixture.AuthToken).And.NotContain(PlivoFixture.MainAccountAuthToken);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_naming_every_header_Plivo_signs_with()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.NoSignature, Url, Stop("u-1"), "n-u"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var reason = await response.Content.ReadAsStringAsync();
        foreach (var scheme in PlivoSignatureScheme.All)
        {
            reason.Should().Contain(scheme.SignatureHeader);
        }
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("ma-v3")]
    public async Task A_signature_without_its_nonce_is_refused_naming_the_nonce_header(string name)
    {
        var scheme = PlivoSignatureScheme.Named(name);
        await using var host = await ProviderHost.StartAsync(Fixture);
        var request = PlivoFixture.Webhook(InboundCase.Valid, Url, Stop("nn-1"), "n-nn", name);
        request.Headers.Remove(scheme.NonceHeader);

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{scheme.SignatureHeader} comes without {scheme.NonceHeader}");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    /// <summary>
    /// V2 signs the URL and the nonce only (https://docs.plivo.com/docs/messaging/concepts/signature-validation): a body
    /// changed after signing passes V2's check, and what stops a copy of Plivo's request with another body is that its
    /// nonce is used once. The genuine request comes first; the altered copy is refused as a replay.
    /// </summary>
    [Fact]
    public async Task A_V2_signature_does_not_cover_the_body_so_a_changed_copy_is_refused_only_as_a_replay()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var genuine = Stop("v2-1");
        var altered = new Dictionary<string, string>(genuine) { ["Text"] = "START", ["MessageUUID"] = "v2-forged" };
        var signature = PlivoSignature.ComputeV2(Url.ToString(), "n-v2", PlivoFixture.AuthToken);

        PlivoSignature.IsValid(PlivoSignatureScheme.V2, "POST", Url.ToString(), [.. altered], "n-v2", signature, PlivoFixture.AuthToken)
            .Should().BeTrue("V2 signs no body: its signature cannot tell the altered fields from Plivo's");
        var first = await host.Client.SendAsync(Post(genuine, (PlivoSignatureScheme.V2, signature, "n-v2")));
        var copy = await host.Client.SendAsync(Post(altered, (PlivoSignatureScheme.V2, signature, "n-v2")));

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        copy.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.HistoryAsync(Person)).Should().ContainSingle().Which.Kind.Should().Be(ConsentKind.OptOut);
    }

    /// <summary>
    /// After the V2 nonce's replay window, a captured V2 signature could come back with any text. So a text only V2 verified
    /// is taken only as an opt-out or a help request: a forged START under a fresh-looking V2 signature re-subscribes
    /// nobody, while a START signed with V3 (which covers the fields) does.
    /// </summary>
    [Fact]
    public async Task A_START_only_V2_verified_re_subscribes_nobody_while_a_V3_signed_one_does()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var stop = await host.Client.SendAsync(Post(Stop("v2-stop"), (PlivoSignatureScheme.V2, PlivoSignature.ComputeV2(Url.ToString(), "n-stop", PlivoFixture.AuthToken), "n-stop")));
        var start = new Dictionary<string, string>(Stop("v2-start")) { ["Text"] = "START" };

        var v2Start = await host.Client.SendAsync(Post(start, (PlivoSignatureScheme.V2, PlivoSignature.ComputeV2(Url.ToString(), "n-start", PlivoFixture.AuthToken), "n-start")));
        var stillSuppressed = await host.IsSuppressedAsync(Person);
        var v3Start = new Dictionary<string, string>(start) { ["MessageUUID"] = "v3-start" };
        var signedStart = await host.Client.SendAsync(Post(v3Start, (PlivoSignatureScheme.V3, PlivoSignature.ComputeV3("POST", Url.ToString(), v3Start, "n3-start", PlivoFixture.AuthToken), "n3-start")));

        stop.StatusCode.Should().Be(HttpStatusCode.OK, "an opt-out is taken from a V2-verified text: it can do no harm");
        v2Start.StatusCode.Should().Be(HttpStatusCode.OK, "the request is Plivo's as far as V2 can tell; only its text is not trusted");
        stillSuppressed.Should().BeTrue("a START whose text no signature covers re-subscribes nobody");
        host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 1204);
        signedStart.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("V3 signs the fields, so this START is the person's");
    }

    /// <summary>
    /// A request carrying V2 and V3 with different nonces: the V2 nonce is the one remembered, because a copy stripped of
    /// its V3 headers could carry any body; a copy stripped of its V2 headers keeps the V3-signed body.
    /// </summary>
    [Fact]
    public async Task When_V2_and_V3_both_verify_the_V2_nonce_is_remembered()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var form = Stop("both-1");
        var v3 = PlivoSignature.ComputeV3("POST", Url.ToString(), form, "n3-both", PlivoFixture.AuthToken);
        var v2 = PlivoSignature.ComputeV2(Url.ToString(), "n2-both", PlivoFixture.AuthToken);

        var first = await host.Client.SendAsync(Post(form, (PlivoSignatureScheme.V3, v3, "n3-both"), (PlivoSignatureScheme.V2, v2, "n2-both")));
        var strippedOfV3 = await host.Client.SendAsync(Post(new Dictionary<string, string>(form) { ["Text"] = "START" }, (PlivoSignatureScheme.V2, v2, "n2-both")));

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        strippedOfV3.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await strippedOfV3.Content.ReadAsStringAsync()).Should().Contain("replay");
        (await host.IsSuppressedAsync(Person)).Should().BeTrue();
    }

    /// <summary>Plivo retries 60, 120 and 240 seconds apart (7 minutes in all); the nonce is remembered through that and the hour's margin.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(59)]
    public async Task A_nonce_is_refused_through_Plivos_retry_window_and_the_margin(int minutesLater)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time);

        var first = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, Url, Stop("w-1"), "n-w", "v3"));
        time.Advance(TimeSpan.FromMinutes(minutesLater));
        var replay = await host.Client.SendAsync(PlivoFixture.Webhook(InboundCase.Valid, Url, Stop("w-1"), "n-w", "v3"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tenants_subaccount_verifies_the_Ma_headers_with_its_own_main_account_token()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await ProviderHost.StartAsync(Fixture,
            configure: b => b.UseProviderOptions<PlivoOptions>((account, _) => ValueTask.FromResult(account == tenant
                ? new PlivoOptions { AuthId = "SAODUZYTQ0Y2FMYJBLOW", AuthToken = "tenant-b-sub-token", MainAccountAuthToken = "tenant-b-main-token", From = "+18005550199" }
                : null)),
            endpoints: o => o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == tenant || account == ProviderHost.Account));
        var url = new Uri(Url + "/" + tenant.Value);
        var form = Stop("tb-1");

        var withStaticMain = await host.Client.SendAsync(Post(url, form, (PlivoSignatureScheme.MaV3, PlivoSignature.ComputeV3("POST", url.ToString(), form, "tb-n1", PlivoFixture.MainAccountAuthToken), "tb-n1")));
        var withTenantSub = await host.Client.SendAsync(Post(url, form, (PlivoSignatureScheme.MaV3, PlivoSignature.ComputeV3("POST", url.ToString(), form, "tb-n2", "tenant-b-sub-token"), "tb-n2")));
        var withTenantMain = await host.Client.SendAsync(Post(url, form, (PlivoSignatureScheme.MaV3, PlivoSignature.ComputeV3("POST", url.ToString(), form, "tb-n3", "tenant-b-main-token"), "tb-n3")));

        withStaticMain.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withTenantSub.StatusCode.Should().Be(HttpStatusCode.Forbidden, "X-Plivo-Signature-Ma-V3 is keyed with the main account's token");
        withTenantMain.StatusCode.Should().Be(HttpStatusCode.OK, await withTenantMain.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person, tenant)).Should().ContainSingle();
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_tenant_whose_main_account_token_is_blank_is_refused_as_misconfigured()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await ProviderHost.StartAsync(Fixture,
            configure: b => b.UseProviderOptions<PlivoOptions>((account, _) => ValueTask.FromResult(account == tenant
                ? new PlivoOptions { AuthId = "SAODUZYTQ0Y2FMYJBLOW", AuthToken = "tenant-b-sub-token", MainAccountAuthToken = " ", From = "+18005550199" }
                : null)),
            endpoints: o => o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == tenant));
        var url = new Uri(Url + "/" + tenant.Value);
        var form = Stop("tb-x");

        var response = await host.Client.SendAsync(Post(url, form, (PlivoSignatureScheme.V2, PlivoSignature.ComputeV2(url.ToString(), "tb-nx", "tenant-b-sub-token"), "tb-nx")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not configured correctly");
    }

    private static PlivoVerification Verify(IReadOnlyList<KeyValuePair<string, string>> form, PlivoOptions options,
        params (PlivoSignatureScheme Scheme, string Signature, string Nonce)[] signed)
    {
        var headers = Headers(signed);
        return PlivoSignature.Verify("POST", Url.ToString(), form, name => headers.GetValueOrDefault(name), options);
    }

    private static HttpRequestMessage Post(Dictionary<string, string> form, params (PlivoSignatureScheme Scheme, string Signature, string Nonce)[] signed) => Post(Url, form, signed);

    private static HttpRequestMessage Post(Uri url, Dictionary<string, string> form, params (PlivoSignatureScheme Scheme, string Signature, string Nonce)[] signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        foreach (var (name, value) in Headers(signed))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static Dictionary<string, string> Headers((PlivoSignatureScheme Scheme, string Signature, string Nonce)[] signed)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (scheme, signature, nonce) in signed)
        {
            headers[scheme.SignatureHeader] = signature;
            headers[scheme.NonceHeader] = nonce;
        }

        return headers;
    }
}
