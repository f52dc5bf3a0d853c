using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Redis.Internal;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Key layout 7: the listing index (<c>supt</c>) names a suppression in 14 bytes where layout 6 wrote 22 characters, and
/// the snapshots' change log (<c>supc</c>) is a list. The move drops each account's index, which the first listing builds
/// again in the new form, listing what layout 6 listed; and a sorted change log, raising the snapshot floor, so a
/// snapshot loads again and then catches up from the new list.
/// </summary>
public sealed class RedisListingLayoutMigrationTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    private static readonly AccountId Acme = new("acme"), Globex = new("globex");

    [SkippableFact]
    public async Task A_layout_6_index_is_dropped_and_built_again_in_the_new_form_on_the_first_listing()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "l7_" + Guid.NewGuid().ToString("N")[..8];
        List<SuppressedNumber> before;
        await using (var store = fixture.CreateStore(prefix))
        {
            foreach (var account in new[] { Acme, Globex })
            {
                await store.Suppression.ApplyBatchAsync([.. Enumerable.Range(0, 300).Select(i =>
                    new ConsentWrite(Events.OptOut(account, TestNumbers.Us(i), TestStore.Epoch, i % 3 == 0 ? new ListId("news") : null) with { OccurredAt = TestStore.Epoch.AddSeconds(i % 50) }, []))]);
            }

            before = [.. await store.Services.GetRequiredService<ISuppressionListing>().ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 1_000)];
        }

        // Layout 6 as it was: the index's members as since|number|list text, the layout key at 6.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        foreach (var account in new[] { "acme", "globex" })
        {
            var supt = "{" + prefix + ":a:" + account + "}:supt";
            var members = await database.SortedSetRangeByValueAsync(supt);
            members.Should().HaveCount(300);
            await database.KeyDeleteAsync(supt);
            await database.SortedSetAddAsync(supt, [.. members.Select(m => (byte[])m!).Select(m => new SortedSetEntry(
                Layout6Member(m), 0))]);
        }

        // And the snapshots' change log as layout 6 kept it: a sorted set of the values changed, by count.
        var acmeKey = "{" + prefix + ":a:acme}";
        var counter = (long)await database.StringGetAsync(acmeKey + ":supv");
        await database.KeyDeleteAsync(acmeKey + ":supc");
        await database.SortedSetAddAsync(acmeKey + ":supc", [new SortedSetEntry("n" + TestNumbers.Us(299).Value, counter), new SortedSetEntry("n" + TestNumbers.Us(298).Value, counter - 1)]);
        await database.StringSetAsync("{" + prefix + "}:layout", 6);

        await using var reopened = fixture.CreateStore(prefix);
        (await reopened.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(6, 9));
        (await database.KeyExistsAsync("{" + prefix + ":a:acme}:supt")).Should().BeFalse("the move drops the old index");
        (await database.KeyExistsAsync("{" + prefix + ":a:globex}:suptok")).Should().BeFalse("and its mark, so the first listing builds it again");
        (await database.KeyExistsAsync(acmeKey + ":supc")).Should().BeFalse("the sorted change log goes");
        (await database.StringGetAsync(acmeKey + ":supf")).Should().Be(counter, "and the floor rises to the counter: every snapshot loads again");

        var after = await reopened.Services.GetRequiredService<ISuppressionListing>().ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 1_000);

        after.Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        (await database.SortedSetRangeByValueAsync("{" + prefix + ":a:acme}:supt")).Select(m => ((byte[])m!).Length)
            .Should().HaveCount(300).And.OnlyContain(length => length == 14 || length == 18, "account-wide members are 14 bytes, those of 'news' 18");
        (await reopened.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9), "a second run finds nothing to move");

        await reopened.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(5_000), TestStore.Epoch), []);
        (await database.KeyTypeAsync(acmeKey + ":supc")).Should().Be(RedisType.List, "the next change starts layout 7's list");
        await using (var sender = reopened.BuildAnotherInstance(services => fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000)))
        {
            using var probe = new SmsOptOut.Tests.Infrastructure.SnapshotProbe(sender, Acme, [TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(5_000), TestNumbers.Us(5_001)]);
            await probe.WarmAsync();
            (await probe.FlagsAsync()).Should().Equal(true, true, true, false);
        }
    }

    /// <summary>Layout 6's member for a layout-7 one: since in base-62 ticks, the number in base 62, the list, with bars.</summary>
    private static string Layout6Member(byte[] member)
    {
        var micros = 0L;
        foreach (var b in member.AsSpan(0, SuppressionKeys.ListingWidth))
        {
            micros = (micros << 8) | b;
        }

        return SuppressionKeys.Since(micros * 10) + "|" + SuppressionKeys.Member(SuppressionKeys.NumberOfListing(member), SuppressionKeys.ListOfListing(member));
    }
}
