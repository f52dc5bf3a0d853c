using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Redis.Internal;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Moving a store from key layout 4 to layout 5 (<c>legacy-layout-4.json</c>, written by layout 4): the sets of
/// suppressed numbers (<c>sup</c>, <c>sup:l:&lt;list&gt;</c>) that repeated <c>supz</c> go, each suppression is renamed
/// in base 62 with its details (since in base 62, the event by its log index), and the listing index is built again on
/// the first listing; every read, probe and listing answers as before, and a run over what a stopped run left ends the same.
/// </summary>
public sealed class RedisLayout5MigrationTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    [SkippableFact]
    public async Task A_layout_4_store_moves_in_place_and_answers_every_read_probe_and_listing_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "l5_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout4Async(database, prefix);
        SetKeys(redis, prefix).Should().HaveCount(5, "each account's account-wide set and one per list");

        await using var store = fixture.CreateStore(prefix, Probing);
        var schema = store.Services.GetRequiredService<IStorageSchema>();
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(4, 9));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9), "a second run finds nothing to move");

        SetKeys(redis, prefix).Should().BeEmpty();
        await AssertLayout5NamesAsync(redis, prefix);
        (await LayoutReadback.ReadAsync(store, Layout3Scenario.Accounts, Layout3Scenario.Numbers)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
        (await ProbeAllAsync(store)).Should().Be(Layout4Probes);
        await AssertListingAsync(store);
    }

    [SkippableFact]
    public async Task A_move_run_again_over_what_a_stopped_run_left_ends_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "l5r_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout4Async(database, prefix);
        var acme = "{" + prefix + ":a:acme}";

        // A run that stopped after deleting acme's sets and renaming two of its suppressions, and never reached globex.
        await database.KeyDeleteAsync([acme + ":sup", acme + ":sup:l:news"]);
        await database.ScriptEvaluateAsync(RedisScripts.RenameSuppressions, [acme],
        [
            acme,
            "000012120000001|", SuppressionKeys.Member(12120000001, string.Empty), Details(639313560000000000, "3", "evt_a1"),
            "000012120000030|news", SuppressionKeys.Member(12120000030, "news"), Details(639313560600000000, "1", "evt_01a21b96d7007bd0912672eca389086b"),
        ]);

        await using var store = fixture.CreateStore(prefix, Probing);
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(4, 9));

        SetKeys(redis, prefix).Should().BeEmpty();
        await AssertLayout5NamesAsync(redis, prefix);
        (await LayoutReadback.ReadAsync(store, Layout3Scenario.Accounts, Layout3Scenario.Numbers)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
        (await ProbeAllAsync(store)).Should().Be(Layout4Probes);
        await AssertListingAsync(store);
    }

    [SkippableFact]
    public async Task A_suppression_whose_event_the_id_index_does_not_hold_keeps_the_ids_key_form_and_reads_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "l5h_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout4Async(database, prefix);
        var acme = "{" + prefix + ":a:acme}";
        var server = redis.GetServers().Single();

        // The id index no longer holds the event of acme's account-wide suppression of 12120000001 (evt_a1).
        var removed = 0L;
        foreach (var bucket in server.Keys(pattern: acme + ":evix:*"))
        {
            removed += await database.HashDeleteAsync(bucket, [RedisEventRecord.KeyOf("evt_a1")]);
        }

        removed.Should().Be(1, "the dataset indexes evt_a1 once");

        await using var store = fixture.CreateStore(prefix, Probing);
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(4, 9));

        var member = (string)SuppressionKeys.Member(12120000001, string.Empty);
        var details = new List<byte[]>();
        foreach (var bucket in server.Keys(pattern: acme + ":supd:*"))
        {
            if (await database.HashGetAsync(bucket, member) is { IsNull: false } value)
            {
                details.Add((byte[])value!);
            }
        }

        details.Should().ContainSingle().Which.Should().EndWith([(byte)'#', .. RedisEventRecord.KeyOf("evt_a1")], "the move keeps the id's key form where the index holds no log index");
        var suppressions = await LayoutReadback.ReadAsync(store, Layout3Scenario.Accounts, Layout3Scenario.Numbers);
        Suppressions(suppressions).Should().Equal(Suppressions(await LegacyDataset.Layout3ReadbackAsync()), "readers take the event id from the key form");
        Suppressions(suppressions).Should().Contain(line => line.Contains("\"Value\":12120000001,", StringComparison.Ordinal) && line.Contains("evt_a1", StringComparison.Ordinal));
        (await ProbeAllAsync(store)).Should().Be(Layout4Probes);
        await AssertListingAsync(store);

        static string[] Suppressions(string readback) =>
            [.. readback.Split('\n').Where(l => l.StartsWith("suppressed ", StringComparison.Ordinal) || l.StartsWith("suppression ", StringComparison.Ordinal))];
    }

    /// <summary>A suppression's details as layout 5 keeps them.</summary>
    private static RedisValue Details(long since, string source, string eventId) =>
        (byte[])[.. System.Text.Encoding.ASCII.GetBytes(SuppressionKeys.Since(since) + "|" + source + "|#"), .. RedisEventRecord.KeyOf(eventId)];

    [SkippableFact]
    public async Task New_writes_keep_no_suppression_sets_and_the_probe_sees_each_scope()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "l5w_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using var store = fixture.CreateStore(prefix, Probing);
        var acme = Layout3Scenario.Acme;
        var news = new ListId("news");
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(1), TestStore.Epoch), []);
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(2), TestStore.Epoch, news), []);
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(3), TestStore.Epoch, new ListId("offers")), []);

        SetKeys(redis, prefix).Should().BeEmpty();
        await AssertLayout5NamesAsync(redis, prefix);
        var numbers = new[] { TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3), TestNumbers.Us(4) };
        var flags = new bool[4];
        (await store.Suppression.FilterAsync(acme, news, numbers, flags)).Should().Be(2);
        flags.Should().Equal(true, true, false, false);
        (await store.Suppression.FilterAsync(acme, null, numbers, flags)).Should().Be(1);
        flags.Should().Equal(true, false, false, false);

        await store.Suppression.ApplyAsync(Events.OptIn(acme, TestNumbers.Us(2), TestStore.Epoch.AddMinutes(1), news), []);
        (await store.Suppression.IsSuppressedAsync(acme, TestNumbers.Us(2), news)).Should().BeFalse("the opt-in lifted the list's suppression");
        (await store.Suppression.IsSuppressedAsync(acme, TestNumbers.Us(1), news)).Should().BeTrue("an account-wide opt-out covers every list");
    }

    /// <summary>
    /// What layout 4 answered to <see cref="ProbeAllAsync"/> on the dataset (its sets; Us(6) and Us(34) were erased and
    /// stay suppressed under their pseudonyms), read by hand from <c>legacy-layout-4.json</c>.
    /// </summary>
    private const string Layout4Probes = """
        acme - 7:12120000001,12120000003,12120000006,12120000031,12120000032,12120000034,12120000035
        acme news 9:12120000001,12120000002,12120000003,12120000006,12120000030,12120000031,12120000032,12120000034,12120000035
        acme offers 7:12120000001,12120000003,12120000006,12120000031,12120000032,12120000034,12120000035
        globex:eu - 1:12120000001
        globex:eu news 2:12120000001,12120000036
        globex:eu offers 3:12120000001,12120000030,12120000036

        """;

    /// <summary>Every member of <c>supz</c> and <c>supt</c>, and every suppression's details, are in layout 5's form.</summary>
    private static async Task AssertLayout5NamesAsync(ConnectionMultiplexer redis, string prefix)
    {
        var database = redis.GetDatabase();
        var server = redis.GetServers().Single();

        // The accounts' keys by name from the accounts set: a scan of the shared test server walks every test's keys.
        var accounts = (await database.SetMembersAsync("{" + prefix + "}:accts")).Select(a => "{" + prefix + ":a:" + a + "}").ToList();
        accounts.Should().NotBeEmpty();
        foreach (var key in accounts.Select(a => (RedisKey)(a + ":supz")))
        {
            foreach (var member in await database.SortedSetRangeByValueAsync(key))
            {
                var supz = (string)member!;
                supz[SuppressionKeys.NumberWidth].Should().Be('|', $"{member} of {key} names its number in base 62");
                _ = SuppressionKeys.NumberOf(supz);
            }
        }

        // The listing index (layout 7's binary members): each names a suppression that supz holds.
        foreach (var key in accounts.Select(a => (RedisKey)(a + ":supt")))
        {
            var supz = ((string)key!)[..^":supt".Length] + ":supz";
            foreach (var member in await database.SortedSetRangeByValueAsync(key))
            {
                var named = SuppressionKeys.Member(SuppressionKeys.NumberOfListing((byte[])member!), SuppressionKeys.ListOfListing((byte[])member!));
                (await database.SortedSetScoreAsync(supz, named)).Should().NotBeNull($"{named} is listed in {key}");
            }
        }

        foreach (var bucket in server.Keys(pattern: "{" + prefix + ":a:*}:supd:*", pageSize: 1_000))
        {
            foreach (var entry in await database.HashGetAllAsync(bucket))
            {
                ((string)entry.Name!)[SuppressionKeys.NumberWidth].Should().Be('|');
                var value = (byte[])entry.Value!;
                value[SuppressionKeys.SinceWidth].Should().Be((byte)'|', "the details start with since in base 62");
                var index = System.Text.Encoding.ASCII.GetString(value[(Array.IndexOf(value, (byte)'|', SuppressionKeys.SinceWidth + 1) + 1)..]);
                long.TryParse(index, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
                    .Should().BeTrue($"the details of {entry.Name} name their event by its log index, not '{index}'");
            }
        }
    }

    /// <summary>The dashboard's listing (by since, newest first) holds every suppression the pages hold, in since order.</summary>
    private static async Task AssertListingAsync(TestStore store)
    {
        var listing = (ISuppressionListing)store.Suppression;
        foreach (var account in Layout3Scenario.Accounts)
        {
            var suppressed = await store.Suppression.GetSuppressedAsync(account, default, 1_000);
            var listed = await listing.ListSuppressedAsync(account, SuppressionFilter.None, default, 1_000);
            listed.Should().BeEquivalentTo(suppressed);
            listed.Select(s => s.Since).Should().BeInDescendingOrder();
        }
    }

    /// <summary>Which of the scenario's numbers each account's filter marks, account-wide and for each list, as text.</summary>
    private static async Task<string> ProbeAllAsync(TestStore store)
    {
        var text = new System.Text.StringBuilder();
        var numbers = Layout3Scenario.Numbers;
        foreach (var account in Layout3Scenario.Accounts)
        {
            foreach (var list in new ListId?[] { null, new("news"), new("offers") })
            {
                var flags = new bool[numbers.Length];
                var count = await store.Suppression.FilterAsync(account, list, numbers, flags);
                text.Append(account.Value).Append(' ').Append(list?.Value ?? "-").Append(' ').Append(count).Append(':')
                    .AppendJoin(',', numbers.Where((_, i) => flags[i]).Select(n => n.Value)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Without the snapshot, so every filter probes Redis.</summary>
    private void Probing(IServiceCollection services) => fixture.ConfigureSuppressionSnapshot(services, enabled: false, 0);

    private static bool IsSet(string key) => key.EndsWith("}:sup", StringComparison.Ordinal) || key.Contains("}:sup:l:", StringComparison.Ordinal);

    private static string[] SetKeys(ConnectionMultiplexer redis, string prefix) =>
        [.. redis.GetServers().Single().Keys(pattern: "{" + prefix + ":a:*").Select(k => (string)k!).Where(IsSet)];
}
