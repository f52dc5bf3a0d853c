using System.Text.RegularExpressions;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// The consent log's commands as a process on a SQLite file (docs/evidence.md): a certificate as the dashboard's HTML
/// page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EvidenceCommandTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    [Fact]
    public async Task Certificate_with_html_writes_one_self_contained_page_of_the_event_to_a_file_or_the_console_and_json_stays_the_default()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-certificate-html-key"u8));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        (await Run("import", WriteFile("number,note\n+12125550100,\n+12125550101,asked by phone <b>\n+12125550102,\n"), "--create-account")).ExitCode.Should().Be(0);
        var eventId = Parse((await Run("history", "+12125550101", "--json")).Output).GetProperty("events")[0].GetProperty("event_id").GetString()!;
        var file = Path.Combine(Path.GetTempPath(), Isolation + "-certificate.html");

        var written = await Run("certificate", eventId, "--html", "--output", file);
        var printed = await Run("certificate", eventId, "--html");
        var json = await Run("certificate", eventId);

        written.ExitCode.Should().Be(0, written.Error);
        written.Output.Should().Contain("written to " + file);
        var page = File.ReadAllText(file).Trim();
        page.Should().StartWith("<!doctype html>").And.EndWith("</html>");
        CountOf(page, "<html").Should().Be(1, "one HTML document");
        page.Should().Contain($"Consent certificate of event {eventId}").And.Contain("in account acme")
            .And.Contain("<tr data-field=\"account\"><th scope=\"row\">account</th><td>acme</td></tr>")
            .And.Contain("<th scope=\"row\">leaf index</th><td>1</td>", "the second event imported is the log's second leaf")
            .And.Contain("<tr data-field=\"tree_size\"><th scope=\"row\">tree size (events in the log)</th><td>3</td></tr>", "the checkpoint covers the three events")
            .And.Contain($"Valid: signed by key k1. Event {eventId} is leaf 1 of the log of 3 events of account acme")
            .And.Contain("checked by the smsoptout tool with the configured public key")
            .And.Contain("asked by phone &lt;b&gt;", "every value is HTML-encoded");
        page.Should().NotContain("src=\"http").And.NotContain("href=\"http").And.NotContain("<script").And.NotContain("<link", "nothing is loaded from elsewhere");
        printed.ExitCode.Should().Be(0, printed.Error);
        printed.Output.Trim().Should().StartWith("<!doctype html>").And.EndWith("</html>").And.Contain(eventId).And.NotContain("written to");
        json.ExitCode.Should().Be(0, json.Error);
        var certificate = Parse(json.Output);
        certificate.GetProperty("leaf_index").GetInt64().Should().Be(1);
        certificate.GetProperty("checkpoint").GetProperty("tree_size").GetInt64().Should().Be(3);
    }

    private static int CountOf(string text, string part) => Regex.Count(text, Regex.Escape(part), RegexOptions.IgnoreCase);
}
