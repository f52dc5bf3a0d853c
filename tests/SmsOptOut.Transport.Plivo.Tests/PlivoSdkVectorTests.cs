using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>
/// Golden tests: signatures computed by Plivo's official SDKs, not by this package. <c>Vectors/plivo-v2.json</c> and
/// <c>Vectors/plivo-v3.json</c> are the files npm <c>plivo</c> 4.79.0 produced (<c>validateSignature</c>,
/// <c>validateV3Signature</c> and the private <c>construct_post_url</c>/<c>construct_get_url</c>/<c>get_signature_v3</c>
/// of <c>dist/utils/security.js</c> and <c>dist/utils/v3Security.js</c>), copied byte for byte; each valid vector carries
/// the V2 or V3 signature with the subaccount's token and the <c>Ma-</c> one with the main account's, and tampered variants
/// the SDK refuses. <c>Vectors/plivo-url-readings.json</c> holds signatures over the URL readings where plivo-dotnet
/// 5.53.0, plivo-node 4.79.0 and plivo-python disagree (ports, user info), each from that SDK's own code.
/// </summary>
public sealed class PlivoSdkVectorTests
{
    private static readonly AccountId VectorAccount = new("inbound");
    private static readonly JsonElement V2File = Load("plivo-v2.json");
    private static readonly JsonElement V3File = Load("plivo-v3.json");
    private static readonly JsonElement Readings = Load("plivo-url-readings.json");

    public static TheoryData<string> V3Vectors => [.. Vectors(V3File).Select(v => Text(v, "id"))];

    public static TheoryData<string> V2Vectors => [.. Vectors(V2File).Select(v => Text(v, "id"))];

    public static TheoryData<string, string> V3Tampered => Tampered(V3File);

    public static TheoryData<string, string> V2Tampered => Tampered(V2File);

    public static TheoryData<int> ReadingRows => [.. Enumerable.Range(0, Readings.GetProperty("rows").GetArrayLength())];

    /// <summary>The vectors whose URL path the host serves (<c>/plivo/inbound</c>, as account <c>inbound</c>), each header alone and all together.</summary>
    public static TheoryData<string, string, string> OverHttp
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (file, schemes) in new[] { ("plivo-v3.json", new[] { "v3", "ma-v3", "all" }), ("plivo-v2.json", ["v2", "ma-v2", "all"]) })
            {
                foreach (var vector in Vectors(Load(file)).Where(v => new Uri(Text(v, "url")).AbsolutePath == "/plivo/inbound"))
                {
                    foreach (var scheme in schemes)
                    {
                        data.Add(file, Text(vector, "id"), scheme);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void A_V3_vector_is_computed_byte_for_byte_and_each_header_verifies_alone_with_its_own_token(string id)
    {
        var v = Vector(V3File, id);
        var (method, url, form, nonce) = (Text(v, "method"), Text(v, "url"), Fields(v.GetProperty("params_passed_to_sdk")), Text(v, "nonce"));
        var (signature, maSignature) = (Text(v, "expected_signature"), Text(v, "expected_ma_signature"));
        var options = Options(v);

        PlivoSignature.ComputeV3(method, url, form, nonce, Text(v, "auth_token")).Should().Be(signature);
        PlivoSignature.ComputeV3(method, url, form, nonce, Text(v, "main_account_auth_token")).Should().Be(maSignature);
        Verified(method, url, form, options, ("X-Plivo-Signature-V3", signature), ("X-Plivo-Signature-V3-Nonce", nonce)).Should().Equal(PlivoSignatureScheme.V3);
        Verified(method, url, form, options, ("X-Plivo-Signature-Ma-V3", maSignature), ("X-Plivo-Signature-V3-Nonce", nonce)).Should().Equal(PlivoSignatureScheme.MaV3);
        Verified(method, url, form, options, ("X-Plivo-Signature-V3", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=," + signature), ("X-Plivo-Signature-V3-Nonce", nonce))
            .Should().Equal([PlivoSignatureScheme.V3], "the SDK accepts a comma-separated list when any of it matches");
        Verified(method, url, form, options, ("X-Plivo-Signature-V3", maSignature), ("X-Plivo-Signature-V3-Nonce", nonce))
            .Should().BeEmpty("X-Plivo-Signature-V3 is keyed with the subaccount's token, not the main account's");
        Verified(method, url, form, options, ("X-Plivo-Signature-Ma-V3", signature), ("X-Plivo-Signature-V3-Nonce", nonce))
            .Should().BeEmpty("X-Plivo-Signature-Ma-V3 is keyed with the main account's token, not the subaccount's");
    }

    [Theory]
    [MemberData(nameof(V3Tampered))]
    public void A_V3_vector_the_SDK_refuses_is_refused(string id, string tamperedId)
    {
        var t = Tamper(V3File, id, tamperedId);

        t.GetProperty("sdk_result").GetBoolean().Should().BeFalse();
        PlivoSignature.IsValid(PlivoSignatureScheme.V3, Text(t, "method"), Text(t, "url"), Fields(t.GetProperty("params")), Text(t, "nonce"),
            Text(t, "X-Plivo-Signature-V3"), Text(t, "auth_token")).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(V2Vectors))]
    public void A_V2_vector_is_computed_byte_for_byte_and_each_header_verifies_alone_with_its_own_token(string id)
    {
        var v = Vector(V2File, id);
        var (url, nonce, signature, maSignature) = (Text(v, "url"), Text(v, "nonce"), Text(v, "expected_signature"), Text(v, "expected_ma_signature"));
        var form = Fields(Text(v.GetProperty("request"), "body"));
        var options = Options(v);

        PlivoSignature.ComputeV2(url, nonce, Text(v, "auth_token")).Should().Be(signature);
        PlivoSignature.ComputeV2(url, nonce, Text(v, "main_account_auth_token")).Should().Be(maSignature);
        Verified("POST", url, form, options, ("X-Plivo-Signature-V2", signature), ("X-Plivo-Signature-V2-Nonce", nonce)).Should().Equal(PlivoSignatureScheme.V2);
        Verified("POST", url, form, options, ("X-Plivo-Signature-Ma-V2", maSignature), ("X-Plivo-Signature-V2-Nonce", nonce)).Should().Equal(PlivoSignatureScheme.MaV2);
        Verified("GET", url, [], options, ("X-Plivo-Signature-V2", signature), ("X-Plivo-Signature-V2-Nonce", nonce))
            .Should().Equal([PlivoSignatureScheme.V2], "V2 signs the URL and the nonce, whatever the method");
        Verified("POST", url, form, options, ("X-Plivo-Signature-V2", maSignature), ("X-Plivo-Signature-V2-Nonce", nonce)).Should().BeEmpty();
        Verified("POST", url, form, options, ("X-Plivo-Signature-Ma-V2", signature), ("X-Plivo-Signature-V2-Nonce", nonce)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(V2Tampered))]
    public void A_V2_vector_the_SDK_refuses_is_refused(string id, string tamperedId)
    {
        var t = Tamper(V2File, id, tamperedId);

        t.GetProperty("sdk_result").GetBoolean().Should().BeFalse();
        PlivoSignature.IsValid(PlivoSignatureScheme.V2, "POST", Text(t, "url"), [], Text(t, "nonce"), Text(t, "X-Plivo-Signature-V2"), Text(t, "auth_token")).Should().BeFalse();
    }

    [Fact]
    public void The_V2_vector_every_Plivo_SDK_publishes_is_accepted_and_refused_once_changed()
    {
        var published = V2File.GetProperty("published_sdk_vector");
        var (url, nonce, token, signature) = (Text(published, "url"), Text(published, "nonce"), Text(published, "auth_token"), Text(published, "signature"));

        PlivoSignature.ComputeV2(url, nonce, token).Should().Be(signature);
        PlivoSignature.IsValid(PlivoSignatureScheme.V2, "POST", url, [], nonce, signature, token).Should().BeTrue();
        PlivoSignature.IsValid(PlivoSignatureScheme.V2, "POST", url, [], nonce + "6", signature, token).Should().BeFalse();
        PlivoSignature.IsValid(PlivoSignatureScheme.V2, "POST", url + "/x", [], nonce, signature, token).Should().BeFalse();
    }

    /// <summary>
    /// Each SDK's reading of the URL is accepted at the URL as written and as the host rebuilds it (a default port dropped,
    /// as <c>Uri</c> does); the same signature with another nonce, token, path or (V3) field is refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReadingRows))]
    public void Every_SDKs_reading_of_the_URL_is_accepted_and_nothing_else(int row)
    {
        var r = Readings.GetProperty("rows")[row];
        var scheme = PlivoSignatureScheme.Named(Text(r, "scheme"));
        var (url, nonce, signature) = (Text(r, "url"), Text(r, "nonce"), Text(r, "signature"));
        var key = Text(Readings, Text(r, "key") == "main" ? "main_account_auth_token" : "auth_token");
        var other = Text(Readings, Text(r, "key") == "main" ? "auth_token" : "main_account_auth_token");
        var form = Fields(r.TryGetProperty("params", out var own) ? own : Readings.GetProperty("params"));
        var parsed = new Uri(url);
        var rebuilt = parsed.GetLeftPart(UriPartial.Path) + parsed.Query;

        PlivoSignature.IsValid(scheme, "POST", url, form, nonce, signature, key).Should().BeTrue($"{Text(r, "sdk")}: {Text(r, "reading")}");
        PlivoSignature.IsValid(scheme, "POST", rebuilt, form, nonce, signature, key).Should().BeTrue($"the host sees {rebuilt}");
        PlivoSignature.IsValid(scheme, "POST", url, form, nonce[..^1] + (nonce[^1] == '7' ? "8" : "7"), signature, key).Should().BeFalse("the nonce is signed");
        PlivoSignature.IsValid(scheme, "POST", url, form, nonce, signature, other).Should().BeFalse("each header has its own key");
        PlivoSignature.IsValid(scheme, "POST", url.Replace("/inbound", "/inbound2", StringComparison.Ordinal), form, nonce, signature, key).Should().BeFalse("the path is signed");
        if (scheme.SignsBody)
        {
            PlivoSignature.IsValid(scheme, "POST", url, [.. form.Select(f => f.Key == "From" ? new KeyValuePair<string, string>("From", "14155550101") : f)], nonce, signature, key)
                .Should().BeFalse("V3 signs the fields");
        }
    }

    /// <summary>The request as Plivo's SDK signed it, sent over HTTP to the host, with one header or all of them: accepted, and a STOP recorded.</summary>
    [Theory]
    [MemberData(nameof(OverHttp))]
    public async Task A_request_signed_by_Plivos_SDK_is_accepted_over_HTTP(string file, string id, string headers)
    {
        var v = Vector(Load(file), id);
        var request = v.GetProperty("request");
        await using var host = await StartAsync(v);

        var response = await host.Client.SendAsync(HttpRequest(request, headers));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var fields = request.GetProperty("body").ValueKind == JsonValueKind.String ? Fields(Text(request, "body")) : Fields(new Uri(Text(v, "url")).Query.TrimStart('?'));
        var from = PhoneNumber.Parse("+" + fields.Single(f => f.Key == "From").Value);
        var history = await host.HistoryAsync(from, VectorAccount);
        if (fields.Single(f => f.Key == "Text").Value == "STOP")
        {
            history.Should().ContainSingle().Which.Kind.Should().Be(ConsentKind.OptOut);
        }
    }

    [Fact]
    public async Task Both_headers_of_a_version_share_its_nonce_so_the_second_is_a_replay()
    {
        var v = Vector(V3File, "v3-post-form");
        await using var host = await StartAsync(v);

        var first = await host.Client.SendAsync(HttpRequest(v.GetProperty("request"), "v3"));
        var again = await host.Client.SendAsync(HttpRequest(v.GetProperty("request"), "ma-v3"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Forbidden, "X-Plivo-Signature-V3-Nonce was used by the first request");
        (await again.Content.ReadAsStringAsync()).Should().Contain("replay");
    }

    private static Task<ProviderHost> StartAsync(JsonElement vector)
    {
        var url = new Uri(Text(vector, "url"));
        return ProviderHost.StartAsync(new PlivoFixture(),
            configure: b => b.Services.Configure<PlivoOptions>(o =>
            {
                o.AuthToken = Text(vector, "auth_token");
                o.MainAccountAuthToken = Text(vector, "main_account_auth_token");
            }),
            endpoints: o =>
            {
                o.InboundPublicUrl = new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
                o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == VectorAccount);
            });
    }

    /// <summary>The vector's request, to the host's <c>/sms/inbound/plivo/inbound</c> with the vector URL's query, carrying <paramref name="scheme"/>'s header (or every one) and the nonces.</summary>
    private static HttpRequestMessage HttpRequest(JsonElement request, string scheme)
    {
        var url = new Uri(Text(request, "url"));
        var message = new HttpRequestMessage(new HttpMethod(Text(request, "method")), "/sms/inbound/plivo/inbound" + url.Query);
        if (request.GetProperty("body").ValueKind == JsonValueKind.String)
        {
            message.Content = new StringContent(Text(request, "body"), Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        foreach (var header in request.GetProperty("headers").EnumerateObject().Where(h => h.Name.StartsWith("X-Plivo-", StringComparison.Ordinal)))
        {
            var isNonce = header.Name.EndsWith("-Nonce", StringComparison.Ordinal);
            if (scheme == "all" || isNonce || header.Name == PlivoSignatureScheme.Named(scheme).SignatureHeader)
            {
                message.Headers.Add(header.Name, header.Value.GetString());
            }
        }

        return message;
    }

    private static IReadOnlyList<PlivoSignatureScheme> Verified(string method, string url, IReadOnlyList<KeyValuePair<string, string>> form, PlivoOptions options,
        params (string Name, string Value)[] headers) =>
        PlivoSignature.Verify(method, url, form, name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault(),
            options).Verified;

    private static PlivoOptions Options(JsonElement vector) =>
        new() { AuthToken = Text(vector, "auth_token"), MainAccountAuthToken = Text(vector, "main_account_auth_token") };

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        return document.RootElement.Clone();
    }

    private static JsonElement.ArrayEnumerator Vectors(JsonElement file) => file.GetProperty("vectors").EnumerateArray();

    private static JsonElement Vector(JsonElement file, string id) => Vectors(file).Single(v => Text(v, "id") == id);

    private static JsonElement Tamper(JsonElement file, string id, string tamperedId) =>
        Vector(file, id).GetProperty("tampered").EnumerateArray().Single(t => Text(t, "id") == tamperedId);

    private static TheoryData<string, string> Tampered(JsonElement file)
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in Vectors(file))
        {
            foreach (var tampered in vector.GetProperty("tampered").EnumerateArray())
            {
                data.Add(Text(vector, "id"), Text(tampered, "id"));
            }
        }

        return data;
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null.");

    private static List<KeyValuePair<string, string>> Fields(JsonElement fields) =>
        [.. fields.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))];

    /// <summary>A form-encoded body's fields, decoded as the host's form reader decodes them.</summary>
    private static List<KeyValuePair<string, string>> Fields(string encoded) =>
        [.. encoded.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(WebUtility.UrlDecode(kv[0]), kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : string.Empty))];
}
