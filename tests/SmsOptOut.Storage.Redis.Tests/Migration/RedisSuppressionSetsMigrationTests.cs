using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Moving a store from key layout 4 to layout 5: the sets of suppressed numbers (<c>sup</c>, <c>sup:l:&lt;list&gt;</c>),
/// which repeated <c>supz</c>'s members, go, and the filter probes <c>supz</c>. A layout-4 store is a layout-5 store
/// with those sets beside it: the layout-3 dataset moved, then its sets (which layout 4 kept as they were) written back
/// and the layout set to 4.
/// </summary>
public sealed class RedisSuppressionSetsMigrationTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    [SkippableFact]
    public async Task A_layout_4_store_drops_its_suppression_sets_and_answers_every_read_and_probe_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "sup5_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout3Async(database, prefix);
        string probedBefore;
        await using (var moved = fixture.CreateStore(prefix, Probing))
        {
            await moved.Services.GetRequiredService<IStorageSchema>().MigrateAsync();
            probedBefore = await ProbeAllAsync(moved);
        }

        SetKeys(redis, prefix).Should().BeEmpty("a store moved from layout 3 has no sets either");
        await LegacyDataset.LoadLayout3Async(database, prefix, IsSet);
        (await RewriteDetailsAsync(redis, prefix, IdOf)).Should().BeGreaterThan(0, "layout 4 named each suppression's event by its id");
        var layout4Ids = await DetailIdsAsync(redis, prefix);
        layout4Ids.Values.Should().Contain(id => id.Length == 36, "the dataset has the service's own ids");
        await database.StringSetAsync("{" + prefix + "}:layout", 4);
        SetKeys(redis, prefix).Should().HaveCount(5, "each account's account-wide set and one per list (the dataset's layout-4 sets)");

        await using var store = fixture.CreateStore(prefix, Probing);
        var schema = store.Services.GetRequiredService<IStorageSchema>();
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(4, 5));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(5, 5), "a second run finds nothing to move");

        SetKeys(redis, prefix).Should().BeEmpty();
        (await DetailIdsAsync(redis, prefix)).Should().BeEquivalentTo(layout4Ids.ToDictionary(p => p.Key, p => KeyOf(p.Value)),
            "each detail names its event by the id's key form: 17 bytes for the service's ids, the others as they were");
        (await LayoutReadback.ReadAsync(store, Layout3Scenario.Accounts, Layout3Scenario.Numbers)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
        foreach (var account in Layout3Scenario.Accounts)
        {
            var suppressed = await store.Suppression.GetSuppressedAsync(account, default, 1_000);
            suppressed.Should().NotBeEmpty();
            foreach (var s in suppressed)
            {
                (await store.Suppression.IsSuppressedAsync(account, s.Number, s.List)).Should().BeTrue($"{s.Number} is suppressed in {account} ({s.List})");
            }
        }

        (await ProbeAllAsync(store)).Should().Be(probedBefore, "every probe answers as the store moved from layout 3 did");
    }

    [SkippableFact]
    public async Task New_writes_keep_no_suppression_sets_and_the_probe_sees_each_scope()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "sup5w_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using var store = fixture.CreateStore(prefix, Probing);
        var acme = Layout3Scenario.Acme;
        var news = new ListId("news");
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(1), TestStore.Epoch), []);
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(2), TestStore.Epoch, news), []);
        await store.Suppression.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(3), TestStore.Epoch, new ListId("offers")), []);

        SetKeys(redis, prefix).Should().BeEmpty();
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
                    .AppendJoin(',', numbers.Where((_, i) => flags[i]).Select(n => n.Value)).AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Rewrites the event id at the end of every suppression's details (<c>since|source|id</c>) of every account with
    /// <paramref name="rewrite"/>; returns how many changed.
    /// </summary>
    private static async Task<int> RewriteDetailsAsync(ConnectionMultiplexer redis, string prefix, Func<byte[], byte[]> rewrite, Action<string, string, byte[]>? seen = null)
    {
        var changed = 0;
        var database = redis.GetDatabase();
        foreach (var bucket in redis.GetServers().Single().Keys(pattern: "{" + prefix + ":a:*}:supd:*"))
        {
            foreach (var entry in await database.HashGetAllAsync(bucket))
            {
                var value = (byte[])entry.Value!;
                var bar = Array.IndexOf(value, (byte)'|', Array.IndexOf(value, (byte)'|') + 1);
                var id = rewrite(value[(bar + 1)..]);
                seen?.Invoke((string)bucket!, (string)entry.Name!, id);
                if (!id.AsSpan().SequenceEqual(value.AsSpan(bar + 1)))
                {
                    await database.HashSetAsync(bucket, entry.Name, (byte[])[.. value.AsSpan(0, bar + 1), .. id]);
                    changed++;
                }
            }
        }

        return changed;
    }

    /// <summary>The event id at the end of every suppression's details, by bucket and member.</summary>
    private static async Task<Dictionary<string, byte[]>> DetailIdsAsync(ConnectionMultiplexer redis, string prefix)
    {
        var ids = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await RewriteDetailsAsync(redis, prefix, id => id, (bucket, member, id) => ids.Add(bucket + " " + member, id));
        return ids;
    }

    /// <summary>An id's key form (the service's ids: 0x01 and the 16 bytes of their hex), as the store's record writes it; other ids as they are.</summary>
    private static byte[] KeyOf(byte[] id) =>
        id.Length == 36 && System.Text.Encoding.ASCII.GetString(id).StartsWith("evt_", StringComparison.Ordinal) ? [1, .. Convert.FromHexString(System.Text.Encoding.ASCII.GetString(id, 4, 32))] : id;

    /// <summary>The id of a key form, as layout 4 kept it in the details.</summary>
    private static byte[] IdOf(byte[] key) =>
        key.Length == 17 && key[0] == 1 ? System.Text.Encoding.ASCII.GetBytes("evt_" + Convert.ToHexStringLower(key.AsSpan(1))) : key;

    /// <summary>Without the snapshot, so every filter probes Redis.</summary>
    private void Probing(IServiceCollection services) => fixture.ConfigureSuppressionSnapshot(services, enabled: false, 0);

    private static bool IsSet(string key) => key.EndsWith("}:sup", StringComparison.Ordinal) || key.Contains("}:sup:l:", StringComparison.Ordinal);

    private static string[] SetKeys(ConnectionMultiplexer redis, string prefix) =>
        [.. redis.GetServers().Single().Keys(pattern: "{" + prefix + ":a:*").Select(k => (string)k!).Where(IsSet)];
}
