using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>Each command of the tool, run as a process on a real SQLite file: what it prints and the exit code scripts rely on.</summary>
[Trait("Category", "Slow")]
public sealed class CommandTests(SqliteToolFixture fixture) : IClassFixture<SqliteToolFixture>
{
    private readonly string _isolation = "cmd_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Check_says_whether_a_number_may_be_messaged_with_exit_code_0_or_1()
    {
        await ImportAsync("number,timestamp,list\n+12125550100,2026-11-01T10:00:00Z,\n+12125550101,,news\n");

        var clear = await RunAsync("check", "+12125550199");
        var suppressed = await RunAsync("check", "+1 (212) 555-0100");
        var listOnly = await RunAsync("check", "+12125550101", "--list", "news", "--json");

        clear.ExitCode.Should().Be(0);
        clear.Output.Should().Contain("+12125550199 is not suppressed account-wide in account acme: it may be messaged.");
        suppressed.ExitCode.Should().Be(1);
        suppressed.Output.Should().Contain("+12125550100 is SUPPRESSED").And.Contain("since 2026-11-01 10:00 UTC").And.Contain("by import");
        listOnly.ExitCode.Should().Be(1);
        var answer = JsonDocument.Parse(listOnly.Output).RootElement;
        answer.GetProperty("suppressed").GetBoolean().Should().BeTrue();
        answer.GetProperty("scopes")[0].GetProperty("list").GetString().Should().Be("news");
    }

    [Fact]
    public async Task History_shows_each_event_with_its_evidence()
    {
        await ImportAsync("Phone Number,Date,Channel,Notes\n+12125550100,2026-11-01 10:00:00,sms,STOP\n");

        var history = await RunAsync("history", "+12125550100");
        var json = await RunAsync("history", "+12125550100", "--json");

        history.ExitCode.Should().Be(0);
        history.Output.Should().Contain("2026-11-01 10:00:00 UTC  opt-out").And.Contain("note: imported; source: sms; STOP");
        JsonDocument.Parse(json.Output).RootElement.GetProperty("events").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Export_writes_the_consent_log_as_csv_or_json_lines()
    {
        await ImportAsync("number\n+12125550100\n+12125550101\n+12125550102\n");
        var csv = Path.Combine(Path.GetTempPath(), _isolation + ".csv");

        var toFile = await RunAsync("export", "--output", csv);
        var toStdout = await RunAsync("export", "--format", "jsonl");

        toFile.ExitCode.Should().Be(0);
        toFile.Output.Should().Contain("exported 3 events of account acme");
        File.ReadAllLines(csv).Should().HaveCount(4, "a header and three events");
        toStdout.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3).And.OnlyContain(l => l.StartsWith('{'));
    }

    [Fact]
    public async Task Erase_removes_a_person_who_stays_suppressed_and_access_reports_what_is_held()
    {
        await ImportAsync("number,note\n+12125550100,asked by phone\n");
        var report = Path.Combine(Path.GetTempPath(), _isolation + "-access.json");

        var access = await RunAsync("access", "+12125550100", "--output", report);
        var erase = await RunAsync("erase", "+12125550100", "--request-id", "ticket-77");
        var history = await RunAsync("history", "+12125550100", "--json");
        var check = await RunAsync("check", "+12125550100");

        access.ExitCode.Should().Be(0);
        File.ReadAllText(report).Should().Contain("asked by phone");
        erase.ExitCode.Should().Be(0);
        erase.Output.Should().Contain("request ticket-77").And.Contain("account acme: 1 events, 1 suppressions kept under a pseudonym");
        JsonDocument.Parse(history.Output).RootElement.GetProperty("events").GetArrayLength().Should().Be(0);
        check.ExitCode.Should().Be(1, "an erased number stays suppressed");
        check.Output.Should().Contain("erased on request");
    }

    [Fact]
    public async Task Stats_counts_opt_outs_per_day_by_source_and_draws_them_by_recorded_or_occurred_day()
    {
        var today = DateTime.UtcNow.Date;
        var rows = string.Concat(Enumerable.Range(0, 6).Select(i => $"+1212555{i:D4},{today.AddDays(-(i % 2)):yyyy-MM-dd} 00:00:00\n"));
        await ImportAsync("number,date\n" + rows);

        var text = await RunAsync("stats", "--days", "7");
        var occurred = await RunAsync("stats", "--days", "7", "--by", "occurred");
        var json = await RunAsync("stats", "--days", "7", "--by", "occurred", "--json");

        text.ExitCode.Should().Be(0);
        text.Output.Should().Contain("(UTC, by recorded time)").And.Contain($"{today:yyyy-MM-dd} |{new string('#', 40)}|       6  import 6", "all six were recorded today");
        occurred.Output.Should().Contain("(UTC, by occurred time)").And.Contain($"{today:yyyy-MM-dd} |{new string('#', 40)}|       3  import 3")
            .And.Contain($"{today.AddDays(-1):yyyy-MM-dd} |{new string('#', 40)}|       3  import 3");
        text.Output.Should().Contain("total: 6 opt-outs (import 6), 0 opt-ins");
        var days = JsonDocument.Parse(json.Output).RootElement.GetProperty("days");
        days.GetArrayLength().Should().Be(7);
        days[6].GetProperty("opt_outs_by_source").GetProperty("import").GetInt64().Should().Be(3);
        days[5].GetProperty("opt_outs_by_source").GetProperty("import").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Webhooks_are_counted_delivered_dead_lettered_and_replayed_to_a_local_receiver()
    {
        using var receiver = new Receiver { Status = 500 };
        var config = WriteConfig($$"""
            { "SmsOptOut": { "Webhooks": { "CallbackUrl": "{{receiver.Url}}", "Secrets": [ "whsec_{{Convert.ToBase64String(new byte[32])}}" ],
                "DangerouslyAllowLoopbackAndHttpForTesting": true, "RetrySchedule": [ "00:00:00" ] },
              "Sqlite": { "ConnectionString": "Data Source={{fixture.PathOf(_isolation)}}" } } }
            """);
        (await RunConfiguredAsync(config, "import", WriteFile("number\n+12125550100\n+12125550101\n+12125550102\n"), "--create-account", "--webhooks", "on")).ExitCode.Should().Be(0);

        var pending = await RunConfiguredAsync(config, "webhooks", "pending", "--json");
        var failedTest = await RunConfiguredAsync(config, "webhooks", "test");
        var deliver = await RunConfiguredAsync(config, "webhooks", "deliver");
        var dead = await RunConfiguredAsync(config, "webhooks", "dead-letters", "--json");
        receiver.Status = 204;
        var replay = await RunConfiguredAsync(config, "webhooks", "replay", "--deliver");
        var test = await RunConfiguredAsync(config, "webhooks", "test");
        var after = await RunConfiguredAsync(config, "webhooks", "pending", "--json");

        JsonDocument.Parse(pending.Output).RootElement.GetProperty("pending").GetInt64().Should().Be(3);
        failedTest.ExitCode.Should().Be(1);
        failedTest.Output.Should().Contain("failed with HTTP 500");
        deliver.ExitCode.Should().Be(1, "webhooks are left dead-lettered");
        deliver.Output.Should().Contain("6 delivery attempt(s); 0 still pending, 3 dead-lettered.");
        var deadLetters = JsonDocument.Parse(dead.Output).RootElement.GetProperty("dead_letters");
        deadLetters.GetArrayLength().Should().Be(3);
        deadLetters[0].GetProperty("attempts").GetInt32().Should().Be(2);
        replay.ExitCode.Should().Be(0);
        replay.Output.Should().Contain("3 dead-lettered webhook(s) of account acme are due again; 3 delivered now.");
        test.ExitCode.Should().Be(0);
        JsonDocument.Parse(after.Output).RootElement.GetProperty("delivered").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Reconcile_records_the_opt_outs_a_provider_holds_that_no_webhook_brought_and_then_finds_nothing()
    {
        using var telnyx = new Receiver
        {
            Status = 200,
            Body = """{"data":[{"from":"+18005550100","to":"+12125550100","keyword":"STOP","created_at":"2026-12-05 08:00:00.000000+00:00"},{"from":"+18005550100","to":"+12125550101","keyword":null,"created_at":"2026-12-05 09:00:00+00:00"}],"meta":{"total_pages":1,"page_number":1}}""",
        };
        var config = WriteConfig($$"""
            { "SmsOptOut": { "Sqlite": { "ConnectionString": "Data Source={{fixture.PathOf(_isolation)}}" } },
              "Telnyx": { "ApiKey": "KEY0123456789", "From": "+18005550100", "BaseAddress": "{{new Uri(telnyx.Url, "/")}}" } }
            """);
        (await RunConfiguredAsync(config, "import", WriteFile("number\n+12125550100\n"), "--create-account")).ExitCode.Should().Be(0);

        var first = await RunConfiguredAsync(config, "reconcile");
        var second = await RunConfiguredAsync(config, "reconcile", "--provider", "telnyx", "--json");
        var unknown = await RunConfiguredAsync(config, "reconcile", "--provider", "vonage");
        var history = await RunConfiguredAsync(config, "history", "+12125550101");

        first.ExitCode.Should().Be(1, "a missed webhook is something to act on");
        first.Output.Should().Contain("telnyx: read 2 opt-outs; recorded 1 that no webhook had brought; 1 already recorded").And.Contain("complete through");
        second.ExitCode.Should().Be(0);
        var answer = JsonDocument.Parse(second.Output).RootElement.GetProperty("providers")[0];
        answer.GetProperty("recorded").GetInt32().Should().Be(0);
        answer.GetProperty("already_suppressed").GetInt32().Should().Be(2);
        unknown.ExitCode.Should().Be(2);
        unknown.Error.Should().Contain("'vonage'").And.Contain("telnyx").And.NotContain("   at ");
        history.Output.Should().Contain("Found by reconciliation");
        telnyx.Paths.Should().OnlyContain(p => p.StartsWith("/v2/messaging_optouts?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_creates_the_schema_once_and_then_finds_it_current()
    {
        var first = await RunAsync("migrate");
        var second = await RunAsync("migrate", "--json");

        first.ExitCode.Should().Be(0);
        first.Output.Should().MatchRegex(@"SQLite schema migrated from version 0 to \d+\.");
        var answer = JsonDocument.Parse(second.Output).RootElement;
        answer.GetProperty("migrated").GetBoolean().Should().BeFalse();
        answer.GetProperty("found_schema_version").GetInt32().Should().Be(answer.GetProperty("current_schema_version").GetInt32()).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Doctor_passes_a_sound_setup_and_names_a_refused_callback_url()
    {
        var sound = await RunAsync("doctor");
        var config = WriteConfig($$"""
            { "SmsOptOut": { "Webhooks": { "CallbackUrl": "https://localhost/hook", "Secrets": [ "whsec_{{Convert.ToBase64String(new byte[32])}}" ] },
              "Sqlite": { "ConnectionString": "Data Source={{fixture.PathOf(_isolation)}}" } } }
            """);
        var refused = await RunConfiguredAsync(config, "doctor");

        sound.ExitCode.Should().Be(0);
        sound.Output.Should().Contain("[ok  ] storage: SQLite answers, schema version").And.Contain("[ok  ] held messages: 0 waiting for their hours, none in doubt.")
            .And.Contain("no problem found.");
        refused.ExitCode.Should().Be(1);
        refused.Output.Should().Contain("FAIL").And.Contain("localhost").And.Contain("DangerouslyAllowLoopbackAndHttpForTesting");
    }

    [Fact]
    public async Task Doctor_warns_of_held_messages_a_scheduler_claimed_and_never_reported_sent()
    {
        await RunAsync("migrate");
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite($"Data Source={fixture.PathOf(_isolation)}");
        await using (var provider = services.BuildServiceProvider())
        {
            var held = provider.GetRequiredService<SmsOptOut.Sending.IDeferredSendStore>();
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            await held.AddAsync([
                new("h1", new SmsOptOut.Consent.AccountId("acme"), SmsOptOut.Numbers.PhoneNumber.Parse("+12125550100"), at, "{}"),
                new("h2", new SmsOptOut.Consent.AccountId("acme"), SmsOptOut.Numbers.PhoneNumber.Parse("+12125550101"), at.AddDays(1), "{}")]);
            (await held.ClaimDueAsync(DateTimeOffset.UtcNow, 10)).Should().ContainSingle("a scheduler took it and died");
        }

        var doctor = await RunAsync("doctor");

        doctor.ExitCode.Should().Be(0, "a warning is not a failure");
        doctor.Output.Should().Contain("[warn] held messages: 1 waiting for their hours, 1 claimed by a scheduler that has not reported them sent");
    }

    [Fact]
    public async Task History_and_check_show_a_pause_with_its_end_and_a_list_left_and_their_json_matches_the_schemas()
    {
        await RunAsync("migrate");
        var number = SmsOptOut.Numbers.PhoneNumber.Parse("+12125550100");
        var acme = new SmsOptOut.Consent.AccountId("acme");
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite($"Data Source={fixture.PathOf(_isolation)}");
        await using (var provider = services.BuildServiceProvider())
        {
            var optOut = provider.GetRequiredService<SmsOptOut.Consent.IOptOutService>();
            await optOut.OptOutAsync(new(acme, number, SmsOptOut.Consent.OptOutSource.OptOutLink)
            {
                Scope = SmsOptOut.Consent.SuppressionScope.List, List = new SmsOptOut.Consent.ListId("offers"),
            });
            await optOut.OptOutAsync(new(acme, number, SmsOptOut.Consent.OptOutSource.OptOutLink) { PausedUntil = new DateTimeOffset(2031, 1, 6, 9, 30, 0, TimeSpan.Zero) });
        }

        var history = await RunAsync("history", "+12125550100");
        var historyJson = await RunAsync("history", "+12125550100", "--json");
        var check = await RunAsync("check", "+12125550100");
        var checkJson = await RunAsync("check", "+12125550100", "--json");

        history.Output.Should().Contain("pause    account-wide").And.Contain("paused until: 2031-01-06 09:30:00 UTC").And.Contain("opt-out  list offers");
        check.ExitCode.Should().Be(1);
        check.Output.Should().Contain("paused until 2031-01-06 09:30 UTC").And.Contain("list offers");
        Schemas.ShouldMatch(historyJson.Output, "history");
        Schemas.ShouldMatch(checkJson.Output, "check");
        JsonDocument.Parse(historyJson.Output).RootElement.GetProperty("events")[1].GetProperty("paused_until").GetString().Should().Be("2031-01-06T09:30:00.0000000Z");
        JsonDocument.Parse(checkJson.Output).RootElement.GetProperty("scopes").EnumerateArray()
            .Single(s => s.GetProperty("scope").GetString() == "account").GetProperty("paused_until").GetString().Should().Be("2031-01-06T09:30:00.0000000Z");
    }

    [Fact]
    public async Task A_checkpoint_and_a_certificate_verify_offline_and_a_changed_record_is_named()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-evidence-test-key"u8));
        var config = WriteConfig($$"""
            { "SmsOptOut": { "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] },
              "Sqlite": { "ConnectionString": "Data Source={{fixture.PathOf(_isolation)}}" } } }
            """);
        (await RunConfiguredAsync(config, "import", WriteFile("number,note\n+12125550100,asked by phone\n+12125550101,\n"), "--create-account")).ExitCode.Should().Be(0);
        var history = JsonDocument.Parse((await RunConfiguredAsync(config, "history", "+12125550100", "--json")).Output);
        var eventId = history.RootElement.GetProperty("events")[0].GetProperty("event_id").GetString()!;
        var certificate = Path.Combine(Path.GetTempPath(), _isolation + "-certificate.json");
        var publicKey = "k1=" + Convert.ToBase64String(PublicKey(seed));

        var checkpoint = await RunConfiguredAsync(config, "checkpoint");
        var written = await RunConfiguredAsync(config, "certificate", eventId, "--output", certificate);
        var valid = await ToolProcess.RunAsync(["verify", certificate, "--public-key", publicKey]);
        await File.WriteAllTextAsync(certificate, (await File.ReadAllTextAsync(certificate)).Replace("asked by phone", "asked by e-mail", StringComparison.Ordinal));
        var forged = await ToolProcess.RunAsync(["verify", certificate, "--public-key", publicKey]);
        var intact = await RunConfiguredAsync(config, "verify");
        await SqliteTampering.EditNoteAsync(fixture.PathOf(_isolation), eventId, "imported; consented");

        var tampered = await RunConfiguredAsync(config, "verify");

        checkpoint.ExitCode.Should().Be(0, checkpoint.Error);
        JsonDocument.Parse(checkpoint.Output).RootElement.GetProperty("tree_size").GetInt64().Should().Be(2);
        written.ExitCode.Should().Be(0, written.Error);
        valid.ExitCode.Should().Be(0, valid.Output + valid.Error);
        valid.Output.Should().Contain($"valid: event {eventId} of account acme is leaf 0 of the log of 2 events that key k1 signed");
        forged.ExitCode.Should().Be(1);
        forged.Output.Should().Contain("INVALID: the event does not lead to the checkpoint's root");
        intact.ExitCode.Should().Be(0, intact.Output + intact.Error);
        intact.Output.Should().Contain("account acme: 2 events in the consent log, 2 recomputed").And.Contain("intact");
        tampered.ExitCode.Should().Be(1);
        tampered.Output.Should().Contain($"DIVERGENCE: event {eventId} (leaf 0) no longer matches its leaf");
    }

    [Fact]
    public async Task A_consistency_proof_from_a_held_checkpoint_verifies_offline_and_one_from_another_checkpoint_does_not()
    {
        var seed = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("tool-consistency-test-key"u8));
        var config = WriteConfig($$"""
            { "SmsOptOut": { "Evidence": { "SigningKeys": [ { "Id": "k1", "PrivateKey": "{{seed}}" } ] },
              "Sqlite": { "ConnectionString": "Data Source={{fixture.PathOf(_isolation)}}" } } }
            """);
        var held = Path.Combine(Path.GetTempPath(), _isolation + "-held.json");
        var proof = Path.Combine(Path.GetTempPath(), _isolation + "-proof.json");
        var publicKey = "k1=" + Convert.ToBase64String(PublicKey(seed));
        (await RunConfiguredAsync(config, "import", WriteFile("number\n+12125550100\n+12125550101\n"), "--create-account")).ExitCode.Should().Be(0);
        (await RunConfiguredAsync(config, "checkpoint", "--output", held)).ExitCode.Should().Be(0);
        (await RunConfiguredAsync(config, "import", WriteFile("number\n+12125550102\n+12125550103\n+12125550104\n"))).ExitCode.Should().Be(0);

        var written = await RunConfiguredAsync(config, "consistency", held, "--output", proof);
        var valid = await ToolProcess.RunAsync(["verify", proof, "--checkpoint", held, "--public-key", publicKey]);
        var latest = await RunConfiguredAsync(config, "checkpoint");
        await File.WriteAllTextAsync(held, latest.Output);
        var notHeld = await ToolProcess.RunAsync(["verify", proof, "--checkpoint", held, "--public-key", publicKey]);
        var verify = await RunConfiguredAsync(config, "verify");
        var missing = await RunConfiguredAsync(config, "consistency", held + ".missing");

        written.ExitCode.Should().Be(0, written.Output + written.Error);
        valid.ExitCode.Should().Be(0, valid.Output + valid.Error);
        valid.Output.Should().Contain("valid: the log smsoptout/acme only grew from 2 events").And.Contain("to 5 (signed");
        notHeld.ExitCode.Should().Be(1);
        notHeld.Output.Should().Contain("INVALID: the proof starts from the checkpoint of 2 events").And.Contain("not from the one held (5 events");
        verify.Output.Should().Contain("2 checkpoints checked; the latest: 5 events").And.Contain("intact");
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("No checkpoint at");
    }

    private static byte[] PublicKey(string seed)
    {
        using var key = NSec.Cryptography.Key.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, Convert.FromBase64String(seed), NSec.Cryptography.KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey);
    }

    [Fact]
    public async Task Strict_import_of_a_file_with_a_bad_row_names_the_line_and_imports_nothing()
    {
        await ImportAsync("number\n+12125550199\n");
        var file = WriteFile("number\n+12125550100\nnot a number\n+12125550101\n");

        var strict = await RunAsync("import", file, "--strict", "--create-account");
        var check = await RunAsync("check", "+12125550100");

        strict.ExitCode.Should().Be(2);
        strict.Error.Should().Contain("line 3: Cannot read 'not a number' as a phone number").And.Contain("nothing was imported");
        check.ExitCode.Should().Be(0, "a strict import with a bad row changes nothing");
    }

    [Fact]
    public async Task A_telnyx_export_in_json_lines_imports_with_its_preset()
    {
        var file = WriteFile("""
            {"created_at":"2026-10-01T08:00:00Z","from":"+18005550000","keyword":"STOP","messaging_profile_id":"mp1","to":"+12125550100"}
            {"created_at":"2026-10-02T08:00:00Z","from":"+18005550000","keyword":"UNSUBSCRIBE","messaging_profile_id":"mp1","to":"+12125550101"}
            """, ".jsonl");

        var import = await RunAsync("import", file, "--preset", "telnyx", "--create-account");
        var history = await RunAsync("history", "+12125550101");

        import.ExitCode.Should().Be(0, import.Error);
        import.Output.Should().Contain("read 2, applied 2, already suppressed 0, refused 0");
        history.Output.Should().Contain("2026-10-02 08:00:00 UTC").And.Contain("note: imported: UNSUBSCRIBE", "the number is 'to', not the sending 'from'");
    }

    [Fact]
    public async Task An_import_whose_storage_fails_stops_with_exit_code_3_instead_of_hanging()
    {
        // More batches than the reader may queue ahead: the reader must be stopped when applying fails.
        var file = OptOutFile.Write(Path.GetTempPath(), 10_000);

        var (exit, _, error) = await ToolProcess.RunAsync("import", file, "--account", "acme", "--create-account", "--storage", "postgresql:Host=127.0.0.1;Port=1;Username=x;Timeout=2");

        exit.Should().Be(3, error);
        error.Should().Contain("storage could not be used");
    }

    [Theory]
    [InlineData(new[] { "check", "+12125550100", "--account", "acme" }, 2, "No storage given; expected --storage")]
    [InlineData(new[] { "check", "+12125550100", "--storage", "mysql:x", "--account", "acme" }, 2, "--storage 'mysql:x' is not a storage")]
    [InlineData(new[] { "frobnicate" }, 2, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "check", "+12125550100", "--storage", "postgresql:Host=127.0.0.1;Port=1;Username=x;Timeout=2", "--account", "acme" }, 3, "storage could not be used")]
    [InlineData(new[] { "stats", "--storage", "sqlite:/tmp/x.db" }, 2, "stats works on one account; expected --account <id>")]
    [InlineData(new[] { "import", "/no/such/file.csv", "--storage", "sqlite:/tmp/x.db", "--account", "acme", "--create-account" }, 2, "/no/such/file.csv: no such file")]
    public async Task Mistakes_get_a_message_that_names_the_input_and_an_exit_code_without_a_stack_trace(string[] arguments, int exitCode, string message)
    {
        var (exit, _, error) = await ToolProcess.RunAsync(arguments);

        exit.Should().Be(exitCode, error);
        error.Should().Contain(message).And.NotContain("   at ", "no stack trace for a user's mistake");
    }

    /// <summary>Runs the tool on this test's file, with the application's configuration (its pseudonym key, for erasure) from a file.</summary>
    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        ToolProcess.RunAsync([.. fixture.Arguments(_isolation), "--config", KeysFile, "--account", "acme", .. arguments]);

    private static string KeysFile { get; } = WriteKeys();

    private static string WriteKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), "smsoptout-tool-keys-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, $$"""{ "SmsOptOut": { "DataProtection": { "PseudonymKeys": [ { "Id": 1, "Secret": "{{Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray())}}" } ] } } }""");
        return path;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunConfiguredAsync(string config, params string[] arguments) =>
        ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);

    private async Task ImportAsync(string csv)
    {
        var (exit, output, error) = await RunAsync("import", WriteFile(csv), "--create-account");
        exit.Should().Be(0, output + error);
    }

    private string WriteFile(string text, string extension = ".csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{_isolation}-{Guid.NewGuid().ToString("N")[..6]}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteConfig(string json) => WriteFile(json, ".json");
}
