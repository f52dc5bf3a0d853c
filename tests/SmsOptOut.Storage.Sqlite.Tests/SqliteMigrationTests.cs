using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Reports;
using SmsOptOut.Storage.Sqlite.Internal;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>A file written by an older version is migrated in place, keeping its data; a newer one is refused.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"smsoptout-migrate-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_version_1_file_with_data_is_migrated_to_the_latest_schema_and_keeps_its_opt_outs()
    {
        await ExecuteAsync(SqliteSchema.Migrations[0].Sql + """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 0);
            INSERT INTO accounts (id, name) VALUES (1, 'acme');
            INSERT INTO suppressions (account_id, number, list_key, since, source, event_id) VALUES (1, 14155552671, '', 0, 2, 'evt_old');
            """);

        await using var services = Services();
        var suppressed = await services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), Numbers.PhoneNumber.Parse("+14155552671"));
        await services.GetRequiredService<IReportCursorStore>().SetAsync(new AccountId("acme"), new ReportCursor(DateTimeOffset.UnixEpoch, null));

        suppressed.Should().BeTrue("the version 1 data is still there");
        (await ScalarAsync("SELECT MAX(version) FROM schema_migrations;")).Should().Be(SqliteSchema.Migrations[^1].Version);
        (await ScalarAsync("SELECT COUNT(*) FROM report_cursors;")).Should().Be(1);
    }

    [Fact]
    public async Task Data_written_before_erasure_existed_is_erased_after_the_upgrade()
    {
        await ExecuteAsync(string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= 4).Select(m => m.Sql)) + """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0), (4, 0);
            INSERT INTO accounts (id, name) VALUES (1, 'acme');
            INSERT INTO suppressions (account_id, number, list_key, since, source, event_id) VALUES (1, 14155552671, '', 0, 2, 'evt_old');
            INSERT INTO consent_events (account, event_id, number, kind, source, scope, occurred_at, recorded_at, evidence)
                VALUES ('acme', 'evt_old', 14155552671, 1, 2, 1, 0, 0, '{"note":"old"}');
            INSERT INTO link_tokens (token, account, list, number, expires_at) VALUES ('TkOld00001', 'acme', 'news', 14155552671, 9999999999999999);
            INSERT INTO webhook_outbox (id, account, event_id, payload, created_at, next_attempt_at) VALUES ('msg_old', 'acme', 'evt_old', '{"unsubscribed_number":"+14155552671"}', 0, 0);
            """);

        await using var services = Services();
        var result = await services.GetRequiredService<Privacy.IDataSubjectService>().EraseAsync(new Privacy.ErasureRequest(Numbers.PhoneNumber.Parse("+14155552671"), "t-1", "request"));

        result.Records.Should().ContainSingle().Which.Should().Match<Privacy.ErasureRecord>(r => r.Events == 1 && r.Suppressions == 1 && r.Tokens == 1 && r.Webhooks == 1);
        (await services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), Numbers.PhoneNumber.Parse("+14155552671"))).Should().BeTrue();
        (await ScalarAsync("SELECT COUNT(*) FROM consent_events;") + await ScalarAsync("SELECT COUNT(*) FROM link_tokens;") + await ScalarAsync("SELECT COUNT(*) FROM webhook_outbox;"))
            .Should().Be(0);
    }

    [Fact]
    public async Task Numbers_erased_before_the_erasure_version_existed_stay_suppressed_after_the_upgrade()
    {
        var number = Numbers.PhoneNumber.Parse("+14155552671");
        long pseudonym;
        string fingerprint;
        await using (var keys = Services())
        {
            var pseudonyms = keys.GetRequiredService<Privacy.NumberPseudonyms>();
            pseudonym = unchecked((long)pseudonyms.Compute(1, number));
            fingerprint = pseudonyms.Fingerprint(1);
        }

        await ExecuteAsync(string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= 6).Select(m => m.Sql)) + $$"""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0);
            INSERT INTO accounts (id, name) VALUES (1, 'acme');
            INSERT INTO erased_suppressions (account_id, pseudonym, list_key, key_id, since, source) VALUES (1, {{pseudonym}}, '', 1, 0, 2);
            INSERT INTO erasure_keys (account_id, key_id, fingerprint) VALUES (1, 1, '{{fingerprint}}');
            """);

        await using var services = Services();
        var flags = new bool[2];
        var filtered = await services.GetRequiredService<ISuppressionStore>().FilterAsync(new AccountId("acme"), null, new[] { number, Numbers.PhoneNumber.Parse("+14155552672") }, flags);

        filtered.Should().Be(1);
        flags.Should().Equal(true, false);
        (await ScalarAsync("SELECT erasure_version FROM accounts WHERE id = 1;")).Should().Be(1, "migration 7 marks accounts that already had erasures");
    }

    [Fact]
    public async Task A_version_12_file_gains_the_replay_guard_and_checkpoints_in_place_and_keeps_its_opt_outs()
    {
        await ExecuteAsync(string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= 12).Select(m => m.Sql)) + """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0), (12, 0);
            INSERT INTO accounts (id, name) VALUES (1, 'acme');
            INSERT INTO suppressions (account_id, number, list_key, since, source, event_id) VALUES (1, 14155552671, '', 0, 2, 'evt_old');
            """);

        await using var services = Services();
        var guard = services.GetRequiredService<SmsOptOut.Providers.IWebhookReplayGuard>();
        var until = DateTimeOffset.UtcNow.AddHours(1);
        var first = await guard.TryUseAsync("plivo:nonce-after-upgrade", until);
        var replay = await guard.TryUseAsync("plivo:nonce-after-upgrade", until);
        await services.GetRequiredService<SmsOptOut.Providers.IReconciliationCheckpointStore>().SaveCheckpointAsync(new AccountId("acme"), "telnyx", "{\"through\":1}", DateTimeOffset.UnixEpoch);

        (first, replay).Should().Be((true, false));
        (await services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), Numbers.PhoneNumber.Parse("+14155552671"))).Should().BeTrue();
        (await ScalarAsync("SELECT MAX(version) FROM schema_migrations;")).Should().Be(SqliteSchema.Migrations[^1].Version);
        (await ScalarAsync("SELECT COUNT(*) FROM webhook_replay WHERE key = 'plivo:nonce-after-upgrade';")).Should().Be(1, "the value is kept in the file, not in process memory");
        (await ScalarAsync("SELECT COUNT(*) FROM reconciliation_checkpoints WHERE account = 'acme' AND provider = 'telnyx';")).Should().Be(1);
    }

    [Fact]
    public async Task A_version_13_file_gains_the_listing_indexes_and_lists_its_suppressions_newest_first()
    {
        await ExecuteAsync(string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= 13).Select(m => m.Sql)) + """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0);
            INSERT INTO accounts (id, name) VALUES (1, 'acme');
            INSERT INTO suppressions (account_id, number, list_key, since, source, event_id) VALUES
                (1, 14155552671, '', 100, 2, 'evt_old'), (1, 14155552672, 'news', 300, 4, 'evt_new'), (1, 14155552673, '', 200, 4, 'evt_mid');
            """);

        await using var services = Services();
        var listing = services.GetRequiredService<ISuppressionListing>();
        var all = await listing.ListSuppressedAsync(new AccountId("acme"), SuppressionFilter.None, SuppressionListCursor.Start, 10);
        var imports = await listing.ListSuppressedAsync(new AccountId("acme"), new SuppressionFilter { Source = OptOutSource.Import, Scope = SuppressionScope.Account }, SuppressionListCursor.Start, 10);

        all.Select(e => e.EventId).Should().Equal("evt_new", "evt_mid", "evt_old");
        imports.Select(e => e.EventId).Should().Equal("evt_mid");
        (await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('ix_suppressions_since', 'ix_suppressions_source', 'ix_suppressions_list');")).Should().Be(3);
    }

    [Theory]
    [InlineData("none", "ix_suppressions_since")]
    [InlineData("source", "ix_suppressions_source")]
    [InlineData("list", "ix_suppressions_list")]
    [InlineData("account scope", "ix_suppressions_list")]
    [InlineData("range", "ix_suppressions_since")]
    [InlineData("source and range", "ix_suppressions_source")]
    [InlineData("number", "ux_suppressions")]
    public async Task Each_page_of_the_listing_is_one_search_of_an_index_from_the_cursor(string filterName, string index)
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(20_000);
        var filter = filterName switch
        {
            "source" => new SuppressionFilter { Source = OptOutSource.Keyword },
            "list" => new SuppressionFilter { List = new ListId("news") },
            "account scope" => new SuppressionFilter { Scope = SuppressionScope.Account },
            "range" => new SuppressionFilter { SinceFrom = at.AddDays(-1), SinceBefore = at },
            "source and range" => new SuppressionFilter { Source = OptOutSource.Import, SinceFrom = at.AddDays(-1), SinceBefore = at },
            "number" => new SuppressionFilter { Number = Numbers.PhoneNumber.Parse("+14155552671") },
            _ => SuppressionFilter.None,
        };
        await using (var services = Services())
        {
            await services.GetRequiredService<Storage.IStorageSchema>().MigrateAsync();
        }

        var cursor = new SuppressionListCursor(at.AddHours(-1), Numbers.PhoneNumber.Parse("+14155552672"), "news");
        var plan = await PlanAsync(SqliteStorage.ListingSql(filter, cursor));

        plan.Should().StartWith($"SEARCH suppressions USING INDEX {index} (account_id=?", "the page reads one range of {0}: {1}", index, plan)
            .And.NotContain("SCAN");
        if (filterName != "number")
        {
            plan.Should().NotContain("TEMP B-TREE", "the index gives the order: no sort of the matching rows").And.Contain(")<(", "the cursor bounds the range");
        }
    }

    [Fact]
    public async Task Finding_the_accounts_of_a_number_to_erase_searches_each_table_by_its_number_index()
    {
        await using (var services = Services())
        {
            await services.GetRequiredService<Storage.IStorageSchema>().MigrateAsync();
        }

        var plan = await PlanAsync(SqliteStorage.FindAccountsSql);

        plan.Should().Contain("USING COVERING INDEX ix_consent_events_number (account=? AND number=?)")
            .And.Contain("SEARCH link_tokens USING COVERING INDEX ix_link_tokens_number (number=?)")
            .And.Contain("SEARCH reply_ledger USING COVERING INDEX ix_reply_ledger_number (number=?)", "migration 21: the reply ledger was scanned whole: {0}", plan)
            .And.NotContain("SCAN reply_ledger").And.NotContain("SCAN link_tokens").And.NotContain("SCAN e");
    }

    [Fact]
    public async Task An_erasure_finds_the_numbers_suppressions_and_leaves_through_their_indexes_not_the_whole_account()
    {
        await using (var services = Services())
        {
            await services.GetRequiredService<Storage.IStorageSchema>().MigrateAsync();
        }

        var plan = await PlanAsync(SqliteStorage.PseudonymizeSuppressionsSql);

        plan.Should().Contain("SEARCH suppressions USING INDEX ux_suppressions (account_id=? AND number=?)", "the number's rows, not the account's: {0}", plan)
            .And.NotContain("ix_suppressions_source");
        var log = await PlanAsync(SqliteStorage.ForgetLoggedEventsSql);
        log.Should().Contain("SEARCH consent_log USING INDEX ux_consent_log_event (account=? AND event_id=?)", "the number's leaves, not the account's log: {0}", log)
            .And.NotContain("USING PRIMARY KEY (account=?)");
    }

    [Fact]
    public async Task A_file_from_a_newer_version_is_refused_with_a_message()
    {
        await ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_migrations VALUES (999, 0);");

        await using var services = Services();
        var act = () => services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), Numbers.PhoneNumber.Parse("+14155552671"));

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage($"*schema version 999, newer than {SqliteSchema.Migrations[^1].Version}*Upgrade the package*");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(new Privacy.PseudonymKey { Id = 1, Secret = Convert.ToBase64String(new byte[32]) }))
            .UseSqlite($"Data Source={_file}");
        return services.BuildServiceProvider();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The query plan of <paramref name="sql"/> (its parameters unbound), one line per step.</summary>
    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join("\n", steps);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
