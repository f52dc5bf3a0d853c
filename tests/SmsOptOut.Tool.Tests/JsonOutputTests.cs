using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// Every <c>--json</c> answer, and every line of <c>export --format jsonl</c>, validated against the schema published in
/// docs/schemas/v1; one spelling everywhere (snake_case keys, kebab-case values, an account as its id, + not escaped).
/// </summary>
[Trait("Category", "Slow")]
public sealed class JsonOutputTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    private static readonly HashSet<string> Validated = new(StringComparer.Ordinal);

    [Fact]
    public async Task Every_json_answer_matches_its_published_schema()
    {
        using var receiver = new Receiver { Status = 500 };
        var config = WriteConfig($$"""
            "DataProtection": { "PseudonymKeys": [ { "Id": 1, "Secret": "{{Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray())}}" } ] },
            "Webhooks": { "CallbackUrl": "{{receiver.Url}}", "Secrets": [ "whsec_{{Convert.ToBase64String(new byte[32])}}" ], "DangerouslyAllowLoopbackAndHttpForTesting": true, "RetrySchedule": [ "00:00:00" ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        var file = WriteFile("number,date,list,note\n+12125550100,2026-11-01 10:00:00,,asked by phone\n+12125550101,,news,\n+12125550102,,,\n");

        await Check(Run("import", file, "--create-account", "--webhooks", "on", "--json"), "import");
        await Check(Run("check", "+12125550100", "--json"), "check", exit: 1);
        await Check(Run("history", "+12125550100", "--json"), "history");
        await Check(Run("stats", "--json"), "stats");
        await Check(Run("stats", "--by", "occurred", "--json"), "stats");
        await Check(Run("accounts", "--json"), "accounts");
        await Check(Run("consents", "--expiring", "30", "--json"), "consents");
        await Check(Run("requests", "add", "--reference", "ticket-9", "--kind", "erasure", "--law", "gdpr", "--received", "40d", "--json"), "request");
        await Check(Run("requests", "--json"), "requests", exit: 1);
        await Check(Run("webhooks", "pending", "--json"), "webhooks-pending");
        await Check(Run("webhooks", "test", "--json"), "webhooks-test", exit: 1);
        await Check(Run("webhooks", "deliver", "--json"), "webhooks-deliver", exit: 1);
        var dead = await Check(Run("webhooks", "dead-letters", "--json"), "webhooks-dead-letters");
        receiver.Status = 204;
        await Check(Run("webhooks", "replay", dead.GetProperty("dead_letters")[0].GetProperty("id").GetString()!, "nope", "--json"), "webhooks-replay", exit: 1);
        await Check(Run("migrate", "--json"), "migrate");
        await Check(Run("doctor", "--json"), "doctor");
        await Check(Run("erase", "+12125550102", "--json"), "erase");
        await Check(Run("verify", "--json"), "verify");
        var export = await Run("export", "--format", "jsonl");
        export.ExitCode.Should().Be(0, export.Error);
        var lines = export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "the third number was erased");
        foreach (var line in lines)
        {
            Schemas.ShouldMatch(line, "event");
        }

        Validated.Add("event");
        using var telnyx = new Receiver { Status = 200, Body = """{"data":[],"meta":{"total_pages":1,"page_number":1}}""" };
        var reconcileConfig = WriteFile($$"""
            { "SmsOptOut": { "Sqlite": { "ConnectionString": "Data Source={{Database}}" } },
              "Telnyx": { "ApiKey": "KEY0123456789", "From": "+18005550100", "BaseAddress": "{{new Uri(telnyx.Url, "/")}}" } }
            """, ".json");
        await Check(ToolProcess.RunAsync("--config", reconcileConfig, "--account", "acme", "reconcile", "--json"), "reconcile");

        Validated.Should().BeEquivalentTo(Schemas.Names, "every published schema is checked against the tool's output");
    }

    [Fact]
    public async Task Json_keys_are_snake_case_an_account_is_its_id_and_plus_is_not_escaped()
    {
        await ImportAsync("number,note\n+12125550100,<b>café</b> & \"quoted\"\n");

        var check = await RunAsync("check", "+12125550100", "--json");
        var history = await RunAsync("history", "+12125550100", "--json");

        check.Output.Should().Contain("\"number\": \"+12125550100\"").And.Contain("\"account\": \"acme\"").And.Contain("\"erased_suppression\": false")
            .And.NotContain("\\u002B").And.NotContain("\"value\"");
        history.Output.Should().Contain("\"kind\": \"opt-out\"").And.Contain("\"source\": \"import\"").And.Contain("<b>café</b> & \\\"quoted\\\"", "only what JSON requires is escaped");
    }

    [Fact]
    public async Task Export_refuses_json_and_its_csv_carries_the_evidence()
    {
        await ImportAsync("number,note\n+12125550100,\"asked by phone, agent 42\"\n");
        var csv = Path.Combine(Path.GetTempPath(), Isolation + "-export.csv");

        var json = await RunAsync("export", "--json");
        var written = await RunAsync("export", "-o", csv);

        json.ExitCode.Should().Be(2);
        json.Error.Should().Contain("export has no --json answer").And.Contain("--format jsonl");
        written.ExitCode.Should().Be(0, written.Error);
        var rows = File.ReadAllLines(csv);
        rows[0].Should().Be("event_id,account,kind,number,timestamp,recorded_at,source,scope,list,campaign,message_text,note,provider,provider_message_id,provider_error_code,link_token,ip_address,user_agent");
        rows[1].Should().Contain(",acme,opt-out,+12125550100,").And.Contain(",import,account,").And.Contain("\"imported: asked by phone, agent 42\"");
    }

    private static async Task<System.Text.Json.JsonElement> Check(Task<(int ExitCode, string Output, string Error)> run, string schema, int exit = 0)
    {
        var (code, output, error) = await run;
        code.Should().Be(exit, $"{schema}: {output}{error}");
        Schemas.ShouldMatch(output, schema);
        Validated.Add(schema);
        return Parse(output);
    }
}
