using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Consent certificates from the dashboard over real Kestrel and SQLite (docs/evidence.md, "Certificates"): the lookup
/// links each logged event's certificate, the JSON download verifies offline with the public key, the HTML page shows the
/// event, its evidence, the checkpoint, the proof and "valid" — or, for an event edited behind the store's back, the
/// failure; none without signing keys; refused to whoever may not see the number; carried in the access report.
/// </summary>
public sealed partial class DashboardCertificateTests
{
    private const string KeyId = "2026-12";
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private static readonly PhoneNumber Other = PhoneNumber.Parse("+14155552672");

    [Fact]
    public async Task The_lookup_links_each_logged_events_certificate_whose_json_verifies_offline_and_whose_page_shows_it_valid()
    {
        await using var host = await StartAsync();
        var (optOut, optIn) = await RecordAsync(host);
        var keys = host.Services.GetRequiredService<IConsentEvidence>().PublicKeys;
        using var client = DashboardListTests.Client(host, "agent.smith");

        var lookup = await DashboardReadabilityTests.LookUpAsync(host, Person.ToString());
        var links = CertificateLinks(lookup);
        var download = await client.GetAsync(links[optOut.EventId].Json);
        var json = await download.Content.ReadAsStringAsync();
        var html = await client.GetAsync(links[optOut.EventId].Html);
        var page = await html.Content.ReadAsStringAsync();
        var optInPage = await client.GetStringAsync(links[optIn.EventId].Html);

        links.Keys.Should().BeEquivalentTo([optOut.EventId, optIn.EventId], "both events are in the log");
        links[optOut.EventId].Json.Should().NotContain("2671", "the number travels as the lookup's reference");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be($"certificate-acme-{optOut.EventId}.json");
        var verification = ConsentCertificateVerifier.Verify(json, keys);
        verification.Should().Match<CertificateVerification>(v => v.IsValid && v.EventId == optOut.EventId && v.Account == "acme" && v.Checkpoint!.KeyId == KeyId);
        ConsentCertificateVerifier.Verify(json.Replace("203.0.113.7", "203.0.113.8", StringComparison.Ordinal), keys).IsValid.Should().BeFalse("the download is the evidence itself");

        html.StatusCode.Should().Be(HttpStatusCode.OK);
        var header = html.Headers.GetValues("Content-Security-Policy").Single();
        header.Should().StartWith("default-src 'none'; style-src 'sha256-").And.NotContain("script");
        var meta = Regex.Match(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");
        meta.Success.Should().BeTrue("the page carries its policy itself, for when it is saved");
        header.Should().Be(WebUtility.HtmlDecode(meta.Groups[1].Value) + "; frame-ancestors 'none'", "the header is the page's own policy, and no framing, which only a header can say");
        page.Should().Contain($"Valid: signed by key {KeyId}. Event {optOut.EventId} is leaf 0 of the log of ")
            .And.Contain("<tr data-field=\"number\"><th scope=\"row\">number</th><td>+14155552671</td></tr>")
            .And.Contain("<tr data-field=\"source\"><th scope=\"row\">source</th><td>link (opt-out link)</td></tr>")
            .And.Contain("<tr data-field=\"ip_address\"><th scope=\"row\">IP address</th><td>203.0.113.7</td></tr>")
            .And.Contain("<td>Mozilla/5.0 &lt;script&gt;alert(1)&lt;/script&gt;</td>", "every value is encoded")
            .And.Contain("<td>https://opt.example/u/3kTq9ZbW1x</td>").And.Contain("<td>Reply STOP to end &amp; HELP for help</td>")
            .And.Contain($"<tr data-field=\"key_id\"><th scope=\"row\">key id</th><td>{KeyId}</td></tr>")
            .And.Contain($"smsoptout verify certificate.json --public-key {KeyId}={Convert.ToBase64String(keys[KeyId])}")
            .And.NotContainAny("<script", "<img", "<link", "src=", "url(");
        WebUtility.HtmlDecode(Regex.Match(page, "<pre id=\"certificate-json\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value)
            .Should().Be(json, "the page embeds the exact certificate, so the page alone is enough");
        optInPage.Should().Contain($"Event {optIn.EventId} is leaf 1 of").And.Contain("<td>START</td>")
            .And.Contain("<ol start=\"0\"><li><code>", "the second leaf's proof holds the first leaf's hash");
    }

    [Fact]
    public async Task An_event_edited_behind_the_stores_back_gets_no_certificate_and_its_page_shows_the_failure()
    {
        await using var host = await StartAsync();
        var (optOut, _) = await RecordAsync(host);
        var keys = host.Services.GetRequiredService<IConsentEvidence>().PublicKeys;
        using var client = DashboardListTests.Client(host, "agent.smith");
        var links = CertificateLinks(await DashboardReadabilityTests.LookUpAsync(host, Person.ToString()));
        var before = await client.GetStringAsync(links[optOut.EventId].Json);

        await TamperAsync(host, optOut.EventId, "UPDATE consent_events SET evidence = json_set(evidence, '$.ip_address', '198.51.100.1') WHERE account = 'acme' AND event_id = $event;");
        var html = await client.GetAsync(links[optOut.EventId].Html);
        var page = await html.Content.ReadAsStringAsync();
        var json = await client.GetAsync(links[optOut.EventId].Json);

        html.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.Should().Contain("NOT VALID — no certificate can be issued:")
            .And.Contain($"event {optOut.EventId} (leaf 0) no longer matches its leaf", "the whole log's verification names the event")
            .And.Contain("<tr><th scope=\"row\">ip address</th><td>198.51.100.1</td></tr>", "the page shows the record as it is stored now")
            .And.NotContain("Valid:");
        json.StatusCode.Should().Be(HttpStatusCode.Conflict, "no certificate that does not verify is handed out");
        (await json.Content.ReadAsStringAsync()).Should().Contain("does not verify against the latest checkpoint");
        ConsentCertificateVerifier.Verify(before, keys).IsValid.Should().BeTrue("a certificate taken before the change still proves what was recorded");
        before.Should().Contain("203.0.113.7");
    }

    [Fact]
    public async Task Without_signing_keys_the_lookup_offers_no_certificate_and_says_why_and_the_access_report_too()
    {
        await using var host = await StartAsync(keys: false);
        var (optOut, _) = await RecordAsync(host);
        using var client = DashboardListTests.Client(host, "agent.smith");

        var lookup = await DashboardReadabilityTests.LookUpAsync(host, Person.ToString());
        var reference = WebUtility.HtmlDecode(Regex.Match(lookup, "name=\"ref\" value=\"([^\"]+)\"").Groups[1].Value);
        var certificate = await client.GetAsync($"/secure-admin/numbers/certificate?account=acme&ref={Uri.EscapeDataString(reference)}&event={optOut.EventId}&format=json");
        var report = await AccessReportAsync(client, lookup);

        CertificateLinks(lookup).Should().BeEmpty();
        lookup.Should().Contain("<p class=\"muted\" id=\"no-certificates\">Consent certificates need a key that signs the log&#39;s checkpoints: EvidenceOptions.SigningKeys");
        certificate.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await certificate.Content.ReadAsStringAsync()).Should().Contain("EvidenceOptions.SigningKeys");
        var certificates = report.GetProperty("consent_certificates");
        certificates.GetProperty("unavailable").GetString().Should().Contain("no evidence signing key is configured (SmsOptOut:Evidence:SigningKeys)");
        certificates.GetProperty("items").GetArrayLength().Should().Be(0);
        report.GetProperty("events").GetArrayLength().Should().Be(2, "the events themselves are still reported");
    }

    [Fact]
    public async Task A_certificate_is_refused_like_the_lookup_to_the_anonymous_another_user_another_numbers_reference_and_after_erasure()
    {
        await using var host = await StartAsync();
        var (optOut, _) = await RecordAsync(host);
        var otherEvent = (await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Other, OptOutSource.Keyword))).Event!;
        using var agent = DashboardListTests.Client(host, "agent.smith");
        using var someoneElse = DashboardListTests.Client(host, "someone.else");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var url = CertificateLinks(await DashboardReadabilityTests.LookUpAsync(host, Person.ToString()))[optOut.EventId].Html;
        var log = host.Services.GetRequiredService<IConsentLogStore>();
        var before = await log.GetLatestCheckpointAsync(LandingHost.Account);

        var unsigned = await anonymous.GetAsync(url);
        var remote = new HttpRequestMessage(HttpMethod.Get, url.Replace("/secure-admin/", "/optout-admin/", StringComparison.Ordinal));
        remote.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var fromElsewhere = await anonymous.SendAsync(remote);
        var ofAnotherUser = await someoneElse.GetAsync(url);
        var ofAnotherNumber = await agent.GetAsync(url.Replace(optOut.EventId, otherEvent.EventId, StringComparison.Ordinal));
        await host.Services.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(Person, "ticket-7", "asked to be forgotten") { Account = LandingHost.Account });
        var after = await log.GetLatestCheckpointAsync(LandingHost.Account);
        var erased = await agent.GetAsync(url);

        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ofAnotherUser.StatusCode.Should().Be(HttpStatusCode.NotFound, "the number's reference is bound to the user who looked it up");
        ofAnotherNumber.StatusCode.Should().Be(HttpStatusCode.NotFound, "an event of another number is not this reference's");
        (await ofAnotherNumber.Content.ReadAsStringAsync()).Should().Contain("This number has no such event in the consent log");
        erased.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await erased.Content.ReadAsStringAsync()).Should().Contain("an erased event&#39;s content is gone (its leaf stays in the log)");
        (after?.TreeSize, after?.Time).Should().Be((before?.TreeSize, before?.Time), "no refused request signed a checkpoint");
    }

    [Fact]
    public async Task The_access_report_carries_a_certificate_of_each_event_that_verifies_with_the_keys_beside_it()
    {
        await using var host = await StartAsync();
        var (optOut, optIn) = await RecordAsync(host);
        using var client = DashboardListTests.Client(host, "agent.smith");

        var report = await AccessReportAsync(client, await DashboardReadabilityTests.LookUpAsync(host, Person.ToString()));

        var certificates = report.GetProperty("consent_certificates");
        certificates.GetProperty("unavailable").ValueKind.Should().Be(JsonValueKind.Null);
        var keys = certificates.GetProperty("public_keys").EnumerateObject().ToDictionary(k => k.Name, k => Convert.FromBase64String(k.Value.GetString()!));
        keys.Keys.Should().Equal(KeyId);
        certificates.GetProperty("how_to_verify").GetString().Should().Contain($"smsoptout verify certificate.json --public-key {KeyId}={Convert.ToBase64String(keys[KeyId])}");
        var items = certificates.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("event_id").GetString()).Should().Equal(optOut.EventId, optIn.EventId);
        foreach (var item in items)
        {
            var verification = ConsentCertificateVerifier.Verify(item.GetProperty("certificate").GetRawText(), keys);
            verification.IsValid.Should().BeTrue(verification.Failure);
            verification.EventId.Should().Be(item.GetProperty("event_id").GetString());
        }
    }

    private static Task<LandingHost> StartAsync(bool keys = true) => DashboardHost.StartAsync(core: keys ? DashboardBrowserTests.SignWithTestKey : null);

    /// <summary>An opt-out through a link with its evidence (a user agent that holds markup), then an opt-in by keyword.</summary>
    private static async Task<(ConsentEvent OptOut, ConsentEvent OptIn)> RecordAsync(LandingHost host)
    {
        var service = host.Services.GetRequiredService<IOptOutService>();
        var optOut = await service.OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.OptOutLink)
        {
            Evidence = new ConsentEvidence
            {
                IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0 <script>alert(1)</script>", PageUrl = "https://opt.example/u/3kTq9ZbW1x",
                DisclosureText = "Reply STOP to end & HELP for help", LinkToken = "3kTq9ZbW1x",
            },
        });
        var optIn = await service.OptInAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword) { Evidence = new ConsentEvidence { MessageText = "START" } });
        return (optOut.Event!, optIn.Event!);
    }

    /// <summary>The lookup's certificate links, by event id.</summary>
    private static Dictionary<string, (string Html, string Json)> CertificateLinks(string lookup) =>
        CertificateCell().Matches(lookup).ToDictionary(m => m.Groups[1].Value, m => (WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value)));

    private static async Task<JsonElement> AccessReportAsync(HttpClient client, string lookup)
    {
        var url = WebUtility.HtmlDecode(Regex.Match(lookup, "id=\"access\" href=\"([^\"]+)\"").Groups[1].Value);
        using var document = JsonDocument.Parse(await client.GetStringAsync(url));
        return document.RootElement.Clone();
    }

    /// <summary>Changes the SQLite file behind the store's back, as the storage conformance suite's tampering does.</summary>
    private static async Task TamperAsync(LandingHost host, string eventId, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$event", eventId);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    [GeneratedRegex("<td data-certificate=\"([^\"]+)\"><a href=\"([^\"]+)\">Certificate \\(HTML\\)</a><br><a href=\"([^\"]+)\">Certificate \\(JSON\\)</a></td>")]
    private static partial Regex CertificateCell();
}
