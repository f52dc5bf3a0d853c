using System.Globalization;
using System.Text.RegularExpressions;
using SmsOptOut.Tests.Infrastructure;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// The consent log's commands as a process on a SQLite file (docs/evidence.md): a certificate as the dashboard's HTML
/// page, refused (exit code 1, the divergence, the failure page) when a stored event was edited after the fact, and
/// <c>verify</c> on a file from before the log, whose events the store added to it once.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class EvidenceCommandTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
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

    [Fact]
    public async Task Verify_offline_answers_ugly_files_and_keys_in_one_line_with_the_documented_exit_codes()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-verify-ugly-key"u8));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        (await Run("import", WriteFile("number\n+12125550100\n+12125550101\n"), "--create-account")).ExitCode.Should().Be(0);
        var eventId = Parse((await Run("history", "+12125550101", "--json")).Output).GetProperty("events")[0].GetProperty("event_id").GetString()!;
        var certificate = Path.Combine(Path.GetTempPath(), Isolation + "-ugly-certificate.json");
        var checkpoint = Path.Combine(Path.GetTempPath(), Isolation + "-ugly-checkpoint.json");
        (await Run("certificate", eventId, "-o", certificate)).ExitCode.Should().Be(0, "-o is --output, as the docs write it");
        (await Run("checkpoint", "-o", checkpoint)).ExitCode.Should().Be(0);
        var key = "k1=" + PublicKeyOnPage().Match((await Run("certificate", eventId, "--html")).Output).Groups[1].Value;
        var array = WriteFile("[]");
        var text = WriteFile("\"x\"");
        var wrapped = WriteFile("[" + File.ReadAllText(certificate) + "]");
        var otherKey = "k1=" + Convert.ToBase64String(new byte[32]);

        (await ToolProcess.RunAsync(["verify", certificate, "--public-key", key])).Should().Match<(int ExitCode, string Output, string Error)>(r => r.ExitCode == 0 && r.Output.StartsWith("valid:"));
        (await ToolProcess.RunAsync(["verify", certificate, "--public-key", key, "--public-key", key])).ExitCode.Should().Be(0, "the same key twice is one key");
        foreach (var (arguments, code, message) in new (string[], int, string)[]
        {
            (["verify", array, "--public-key", key], 1, "INVALID: The certificate's format is not"),
            (["verify", text, "--public-key", key], 1, "INVALID: The certificate's format is not"),
            (["verify", wrapped, "--public-key", key], 1, "INVALID: The certificate's format is not"),
            (["verify", certificate], 2, "no public key given: pass --public-key <key id>="),
            (["verify", certificate, "--public-key", otherKey, "--public-key", key], 2, "--public-key 'k1' is given twice, with two different keys"),
            (["verify", certificate, "--checkpoint", array, "--public-key", key], 2, "The checkpoint is a JSON array, not an object"),
            (["verify", checkpoint, "--checkpoint", text, "--public-key", key], 2, "The checkpoint is a JSON string, not an object"),
        })
        {
            var (exitCode, output, error) = await ToolProcess.RunAsync(arguments);
            exitCode.Should().Be(code, "{0}: {1}{2}", string.Join(' ', arguments), output, error);
            (output + error).Should().Contain(message).And.NotContain("Unhandled").And.NotContain("   at ", "one line, never a stack trace");
        }
    }

    [GeneratedRegex(@"--public-key k1=([A-Za-z0-9+/=]{44})")]
    private static partial Regex PublicKeyOnPage();

    [Fact]
    public async Task Certificate_with_html_carries_the_dashboards_content_security_policy_in_a_meta_element_before_its_style()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-certificate-csp-key"u8));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        (await Run("import", WriteFile("number,note\n+12125550100,\n"), "--create-account")).ExitCode.Should().Be(0);
        var eventId = Parse((await Run("history", "+12125550100", "--json")).Output).GetProperty("events")[0].GetProperty("event_id").GetString()!;

        var printed = await Run("certificate", eventId, "--html");

        printed.ExitCode.Should().Be(0, printed.Error);
        ShouldCarryItsPolicy(printed.Output);
    }

    [Fact]
    public async Task Certificate_of_an_event_edited_after_the_fact_is_refused_with_the_divergence_and_exit_code_1_and_no_json_is_printed_or_written()
    {
        var (run, eventId) = await EditedEventAsync("tool-certificate-refused-json-key");
        var file = Path.Combine(Path.GetTempPath(), Isolation + "-refused.json");

        var printed = await run(["certificate", eventId]);
        var flagged = await run(["certificate", eventId, "--json"]);
        var written = await run(["certificate", eventId, "--output", file]);
        var verify = await run(["verify"]);

        verify.ExitCode.Should().Be(1, "verify names the same divergence with exit code 1: " + verify.Output);
        var divergence = verify.Output.Split('\n').Single(l => l.StartsWith("DIVERGENCE: ", StringComparison.Ordinal)).Trim();
        divergence.Should().Contain($"event {eventId} (leaf 0) no longer matches its leaf");
        foreach (var (what, refused) in new[] { ("the default JSON", printed), ("--json", flagged), ("--output", written) })
        {
            refused.ExitCode.Should().Be(1, "{0}: a log that does not verify is something to act on, as verify's divergence; it said: {1}", what, refused.Error);
            refused.Output.Should().BeEmpty("{0}: no certificate and no other answer on the output", what);
            var error = refused.Error.Trim();
            error.Should().StartWith($"smsoptout: no certificate of event {eventId}: the consent log of account acme does not verify. ", what)
                .And.Contain(divergence, "{0}: the divergence as verify reports it", what)
                .And.NotContain("unexpected error").And.NotContain("   at ");
            error.Split('\n').Should().ContainSingle("{0}: one line", what);
        }

        File.Exists(file).Should().BeFalse("no certificate file is written");
    }

    [Fact]
    public async Task Certificate_with_html_of_an_event_edited_after_the_fact_writes_the_failure_page_and_exits_1()
    {
        var (run, eventId) = await EditedEventAsync("tool-certificate-refused-html-key");
        var file = Path.Combine(Path.GetTempPath(), Isolation + "-refused.html");

        var printed = await run(["certificate", eventId, "--html"]);
        var written = await run(["certificate", eventId, "--html", "--output", file]);

        printed.ExitCode.Should().Be(1, printed.Error);
        printed.Error.Should().Contain($"no certificate of event {eventId}").And.Contain($"DIVERGENCE: event {eventId} (leaf 0) no longer matches its leaf");
        written.ExitCode.Should().Be(1, written.Error);
        written.Output.Should().Contain("written to " + file);
        foreach (var page in new[] { printed.Output.Trim(), File.ReadAllText(file).Trim() })
        {
            page.Should().StartWith("<!doctype html>").And.EndWith("</html>");
            CountOf(page, "<html").Should().Be(1, "one HTML document");
            page.Should().Contain($"Consent certificate of event {eventId}")
                .And.Contain("<p class=\"result invalid\" id=\"verification\">NOT VALID — no certificate can be issued: The certificate of event")
                .And.Contain($"<p id=\"divergence\">event {eventId} (leaf 0) no longer matches its leaf")
                .And.Contain("<td>edited afterwards</td>", "the page shows the event as stored now")
                .And.NotContain("Valid: signed").And.NotContain("certificate-json", "no certificate is in it");
            ShouldCarryItsPolicy(page);
        }
    }

    [Fact]
    public async Task Verify_of_a_log_whose_first_event_was_edited_reports_the_whole_log_and_names_leaf_0_in_text_and_json()
    {
        var (run, eventId) = await EditedEventAsync("tool-verify-leaf-0-key", events: 4);

        var text = await run(["verify"]);
        var json = await run(["verify", "--json"]);

        text.ExitCode.Should().Be(1, text.Output + text.Error);
        text.Output.Should().Contain("account acme: 4 events in the consent log; before the divergence, 0 recomputed from their records, 0 erased or minimized",
            "the log holds four leaves, however early the verification stopped");
        text.Output.Should().Contain($"DIVERGENCE: event {eventId} (leaf 0) no longer matches its leaf: its field 'note' was changed after it was recorded",
            "an UPDATE of the note alone is located by the event's field check");
        json.ExitCode.Should().Be(1, json.Output + json.Error);
        Schemas.ShouldMatch(json.Output, "verify");
        var answer = Parse(json.Output);
        answer.GetProperty("log_size").GetInt64().Should().Be(4, "the size of the log, not how far the verification got");
        answer.GetProperty("checked").GetInt64().Should().Be(0, "nothing was recomputed before the first leaf");
        answer.GetProperty("intact").GetBoolean().Should().BeFalse();
        answer.GetProperty("divergence").GetProperty("index").GetInt64().Should().Be(0);
        answer.GetProperty("divergence").GetProperty("event_id").GetString().Should().Be(eventId);
        answer.GetProperty("divergence").GetProperty("field").GetString().Should().Be("note");
    }

    [Fact]
    public async Task Consistency_from_a_held_checkpoint_of_a_log_cut_since_is_a_divergence_with_exit_code_1_even_when_the_store_alone_verifies()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-consistency-cut-key"u8));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        var held = Path.Combine(Path.GetTempPath(), Isolation + "-held.json");
        (await Run("import", WriteFile("number\n+12125550100\n+12125550101\n+12125550102\n"), "--create-account")).ExitCode.Should().Be(0);
        (await Run("checkpoint", "--output", held)).ExitCode.Should().Be(0);
        await SqliteTampering.CutLastEventAsync(Database, "acme");

        var verify = await Run("verify");
        var consistency = await Run("consistency", held);

        verify.ExitCode.Should().Be(0, "the store kept no checkpoint of the cut log: only the held one shows it; " + verify.Output);
        consistency.ExitCode.Should().Be(1, consistency.Output + consistency.Error);
        consistency.Output.Trim().Should().StartWith("DIVERGENCE: The checkpoint of ").And.Contain("covers 3 events but the log has 2: leaves were removed");
        consistency.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Consistency_without_the_signing_key_or_on_a_storage_it_cannot_use_is_a_one_line_error_and_not_a_divergence()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-consistency-setup-key"u8));
        var keys = $$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """;
        var config = WriteConfig(keys);
        var held = Path.Combine(Path.GetTempPath(), Isolation + "-held.json");
        (await ToolProcess.RunAsync(["--config", config, "--account", "acme", "import", WriteFile("number\n+12125550100\n+12125550101\n"), "--create-account"])).ExitCode.Should().Be(0);
        (await ToolProcess.RunAsync(["--config", config, "--account", "acme", "checkpoint", "--output", held])).ExitCode.Should().Be(0);
        var newer = Path.Combine(Path.GetTempPath(), Isolation + "-newer.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_migrations VALUES (9999, 0);";
            await create.ExecuteNonQueryAsync();
        }

        var newerConfig = WriteFile($$"""
            { "SmsOptOut": { {{keys}}, "Reports": { "Accounts": { "acme": { "Channels": "None" } } },
              "Sqlite": { "ConnectionString": "Data Source={{newer}}" } } }
            """, ".json");

        var withoutKey = await RunAsync("consistency", held);
        var newerSchema = await ToolProcess.RunAsync(["--config", newerConfig, "--account", "acme", "consistency", held]);

        foreach (var (what, refused, exitCode, says) in new[]
        {
            ("no signing key configured", withoutKey, 2, "key 'k1', which is not configured (SmsOptOut:Evidence:SigningKeys"),
            ("a database of a newer schema", newerSchema, 3, "schema version 9999"),
        })
        {
            refused.ExitCode.Should().Be(exitCode, "{0}: a setup error, as other commands report it; it said: {1}{2}", what, refused.Output, refused.Error);
            refused.Output.Should().NotContain("DIVERGENCE", "{0}: nothing says the log was rewritten", what);
            var error = refused.Error.Trim();
            error.Should().StartWith("smsoptout: ", what).And.Contain(says, what).And.NotContain("rewritten").And.NotContain("was changed");
            error.Split('\n').Should().ContainSingle("{0}: one line", what);
        }
    }

    [Fact]
    public async Task Verify_without_the_key_that_signed_the_checkpoints_is_a_one_line_setup_error_not_a_divergence_with_the_key_intact_and_with_only_another_key_the_unknown_key()
    {
        string Keys(string id, string seed) => $$"""
            "Evidence": { "SigningKeys": [ { "Id": "{{id}}", "PrivateKey": "{{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)))}}" } ] }
            """;
        var withKey = WriteConfig(Keys("k1", "tool-verify-keys-k1"));
        var otherKey = WriteConfig(Keys("k2", "tool-verify-keys-k2"));
        (await ToolProcess.RunAsync(["--config", withKey, "--account", "acme", "import", WriteFile("number\n+12125550100\n+12125550101\n+12125550102\n"), "--create-account"])).ExitCode.Should().Be(0);
        var eventId = Parse((await RunAsync("history", "+12125550100", "--json")).Output).GetProperty("events")[0].GetProperty("event_id").GetString()!;
        (await ToolProcess.RunAsync(["--config", withKey, "--account", "acme", "checkpoint"])).ExitCode.Should().Be(0);

        var intact = await ToolProcess.RunAsync(["--config", withKey, "--account", "acme", "verify"]);
        var withoutKey = await RunAsync("verify");
        var withoutKeyJson = await RunAsync("verify", "--json");
        var withoutKeyCertificate = await RunAsync("certificate", eventId);
        var onlyAnotherKey = await ToolProcess.RunAsync(["--config", otherKey, "--account", "acme", "verify"]);
        using var signing = NSec.Cryptography.Key.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, System.Security.Cryptography.SHA256.HashData("tool-verify-keys-k1"u8),
            NSec.Cryptography.KeyBlobFormat.RawPrivateKey);
        var publicKey = Convert.ToBase64String(signing.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
        var auditor = await ToolProcess.RunAsync(["--config", WriteConfig($$"""
            "Evidence": { "VerificationKeys": [ { "Id": "k1", "PublicKey": "{{publicKey}}" } ] }
            """), "--account", "acme", "verify"]);

        intact.ExitCode.Should().Be(0, intact.Output + intact.Error);
        intact.Output.Should().Contain("account acme: 3 events in the consent log, 3 recomputed from their records")
            .And.Contain("1 checkpoints checked; the latest: 3 events, signed by key k1").And.Contain("intact");
        foreach (var (what, refused, says) in new[]
        {
            ("verify", withoutKey, "account acme's consent log keeps a checkpoint (the latest signed by key k1) but no key to check its signature is configured: give the log's keys, old ones included, as SmsOptOut:Evidence:SigningKeys in --config"),
            ("verify --json", withoutKeyJson, "no key to check its signature is configured"),
            ("certificate", withoutKeyCertificate, "No evidence signing key is configured (SmsOptOut:Evidence:SigningKeys)"),
        })
        {
            refused.ExitCode.Should().Be(2, "{0}: the tool was not given the keys, a setup error; it said: {1}{2}", what, refused.Output, refused.Error);
            refused.Output.Should().BeEmpty("{0}: neither a DIVERGENCE nor \"intact\"", what);
            var error = refused.Error.Trim();
            error.Should().StartWith("smsoptout: ", what).And.Contain(says, what)
                .And.NotContain("DIVERGENCE").And.NotContain("was changed").And.NotContain("does not verify").And.NotContain("unexpected error");
            error.Split('\n').Should().ContainSingle("{0}: one line", what);
        }

        auditor.ExitCode.Should().Be(0, "an auditor given the public key alone checks every signature; " + auditor.Output + auditor.Error);
        auditor.Output.Should().Contain("1 checkpoints checked; the latest: 3 events, signed by key k1").And.Contain("intact");
        onlyAnotherKey.ExitCode.Should().Be(1, "a key is configured and it is not the one that signed: a dropped old key or a forgery, reported as before; " + onlyAnotherKey.Output + onlyAnotherKey.Error);
        onlyAnotherKey.Output.Should().Contain("DIVERGENCE: the checkpoint of ").And.Contain("(3 events) is not signed by a configured key ('k1'): it was changed, or its key is no longer listed");
    }

    /// <summary>Imports <paramref name="events"/> opt-outs with a signing key configured, then edits the first one's note in the file: its log no longer verifies.</summary>
    private async Task<(Func<string[], Task<(int ExitCode, string Output, string Error)>> Run, string EventId)> EditedEventAsync(string keySeed, int events = 2)
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keySeed)));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        var rows = string.Concat(Enumerable.Range(1, events - 1).Select(i => $"+1212555{100 + i:0000},\n"));
        (await Run(["import", WriteFile("number,note\n+12125550100,asked by phone\n" + rows), "--create-account"])).ExitCode.Should().Be(0);
        var eventId = Parse((await Run(["history", "+12125550100", "--json"])).Output).GetProperty("events")[0].GetProperty("event_id").GetString()!;
        (await Run(["checkpoint"])).ExitCode.Should().Be(0, "a checkpoint was handed out before the edit");
        await SqliteTampering.EditNoteAsync(Database, eventId, "edited afterwards");
        return (Run, eventId);
    }

    [Fact]
    public async Task Verify_counts_an_erasure_record_as_a_leaf_of_the_log_in_text_and_json()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-verify-erasure-key"u8));
        var secret = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-verify-erasure-pseudonym"u8));
        var config = WriteConfig($$"""
            "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] },
            "DataProtection": { "PseudonymKeys": [ { "Id": 1, "Secret": "{{secret}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        (await Run("import", WriteFile("number\n+12125550100\n+12125550101\n+12125550102\n"), "--create-account")).ExitCode.Should().Be(0);
        var erase = await Run("erase", "+12125550101", "--request-id", "ticket-77");
        erase.ExitCode.Should().Be(0, erase.Output + erase.Error);
        (await Run("checkpoint")).ExitCode.Should().Be(0);

        var text = await Run("verify");
        var json = await Run("verify", "--json");

        text.ExitCode.Should().Be(0, text.Output + text.Error);
        text.Output.Should().Contain("account acme: 4 events in the consent log, 2 recomputed from their records, 1 erased or minimized (their leaves kept), 1 erasure record (a leaf of the log)",
            "the erasure appended its record to the log as a leaf after the three imported");
        json.ExitCode.Should().Be(0, json.Output + json.Error);
        Schemas.ShouldMatch(json.Output, "verify");
        var answer = Parse(json.Output);
        (answer.GetProperty("log_size").GetInt64(), answer.GetProperty("checked").GetInt64(), answer.GetProperty("erased").GetInt64(), answer.GetProperty("erasures").GetInt64())
            .Should().Be((4L, 2L, 1L, 1L));
        answer.GetProperty("intact").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Verify_names_the_events_recorded_before_the_log_and_when_they_were_added_to_it_in_text_and_json()
    {
        await SqliteFileBeforeTheLog.CreateAsync(Database);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var text = await RunAsync("verify");
        var after = DateTimeOffset.UtcNow;
        var json = await RunAsync("verify", "--json");
        var globex = await RunBareAsync("--account", "globex", "verify", "--json");

        text.ExitCode.Should().Be(0, text.Output + text.Error);
        text.Output.Should().Contain($"account acme: {SqliteFileBeforeTheLog.Acme.Length} events in the consent log").And.Contain("intact");
        var line = BackfillLine().Match(text.Output);
        line.Success.Should().BeTrue($"verify says which events were recorded before the log; it printed:\n{text.Output}");
        int.Parse(line.Groups["count"].Value, CultureInfo.InvariantCulture).Should().Be(SqliteFileBeforeTheLog.Acme.Length, "acme's events kept, the erased one not");
        var backfilledAt = DateTimeOffset.ParseExact(line.Groups["at"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        backfilledAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(after, "the leaves were computed when the tool first opened the file");
        json.ExitCode.Should().Be(0, json.Output + json.Error);
        Schemas.ShouldMatch(json.Output, "verify");
        var answer = Parse(json.Output);
        answer.GetProperty("backfilled").GetInt64().Should().Be(SqliteFileBeforeTheLog.Acme.Length);
        answer.GetProperty("log_size").GetInt64().Should().Be(SqliteFileBeforeTheLog.Acme.Length);
        answer.GetProperty("intact").GetBoolean().Should().BeTrue();
        answer.GetProperty("backfilled_at").GetDateTimeOffset().Should().BeCloseTo(backfilledAt, TimeSpan.FromSeconds(1), "the same time as the text, to the second");
        globex.ExitCode.Should().Be(0, globex.Output + globex.Error);
        Parse(globex.Output).GetProperty("backfilled").GetInt64().Should().Be(SqliteFileBeforeTheLog.Globex.Length);
    }

    /// <summary>
    /// The page holds, in its head and before its only style, the policy the dashboard sends as a header for it (less
    /// <c>frame-ancestors</c>, which a meta element cannot carry): nothing but that style, by its SHA-256.
    /// </summary>
    private static void ShouldCarryItsPolicy(string page)
    {
        var meta = CspMeta().Matches(page);
        meta.Should().ContainSingle("one policy, in the page's head: {0}", page[..Math.Min(page.Length, 600)]);
        var style = Regex.Match(page, "<style>(.*?)</style>", RegexOptions.Singleline);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style.Groups[1].Value)));
        System.Net.WebUtility.HtmlDecode(meta[0].Groups["policy"].Value).Should().Be($"default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; base-uri 'none'");
        meta[0].Index.Should().BeLessThan(style.Index, "a meta policy governs only what follows it");
        meta[0].Index.Should().BeLessThan(page.IndexOf("</head>", StringComparison.Ordinal));
    }

    private static int CountOf(string text, string part) => Regex.Count(text, Regex.Escape(part), RegexOptions.IgnoreCase);

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"(?<policy>[^\"]*)\">")]
    private static partial Regex CspMeta();

    [GeneratedRegex(@"  (?<count>\d+) events were recorded before the log and added to it at (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC: they are only as trustworthy as the database was then")]
    private static partial Regex BackfillLine();
}
