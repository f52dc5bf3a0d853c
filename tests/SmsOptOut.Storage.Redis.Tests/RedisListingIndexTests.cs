using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The listing index (<c>supt</c>) on Redis: suppressions written by a version without it are listed after the first
/// listing builds it in chunks, beside writes made meanwhile; and every change keeps it the same size as the
/// suppressions themselves (<c>supz</c>), so no member outlives its suppression.
/// </summary>
public sealed class RedisListingIndexTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [SkippableFact]
    public async Task Suppressions_written_before_the_listing_index_are_listed_once_it_is_built()
    {
        var isolation = "nolisting_" + Guid.NewGuid().ToString("N")[..8];
        await using (var store = fixture.CreateStore(isolation))
        {
            await store.Suppression.ApplyBatchAsync([.. Enumerable.Range(0, 4_500).Select(i =>
                new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(i), TestStore.Epoch) with { OccurredAt = TestStore.Epoch.AddSeconds(i) }, []))]);
            (await store.Services.GetRequiredService<ISuppressionListing>().ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 1)).Should().ContainSingle();
        }

        // A version before the listing index kept neither the index nor its mark.
        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using (redis)
        {
            (await redis.GetDatabase().KeyDeleteAsync(["{" + isolation + ":a:acme}:supt", "{" + isolation + ":a:acme}:suptok"])).Should().Be(2);
        }

        await using var reopened = fixture.CreateStore(isolation);
        await reopened.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(9_000), TestStore.Epoch) with { OccurredAt = TestStore.Epoch.AddDays(1) }, []);
        var listing = reopened.Services.GetRequiredService<ISuppressionListing>();

        var first = await listing.ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 3);
        var all = await listing.ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 10_000);

        first.Select(e => e.Number).Should().Equal(TestNumbers.Us(9_000), TestNumbers.Us(4_499), TestNumbers.Us(4_498));
        all.Should().HaveCount(4_501).And.BeInAscendingOrder(SuppressionListCursor.Order);
        await using (redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            (await redis.GetDatabase().StringGetAsync("{" + isolation + ":a:acme}:suptok")).Should().Be("1", "the build marks the index complete");
        }
    }

    [SkippableFact]
    public async Task Opt_ins_repeated_opt_outs_and_erasures_keep_the_index_the_size_of_the_suppressions()
    {
        var isolation = "listing_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(isolation);
        var now = store.Time.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(i), now, i % 2 == 0 ? new ListId("news") : null), []);
        }

        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), now), []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(2), now, new ListId("news")), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), now) with { OccurredAt = now.AddHours(1) }, []);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "t-1", "asked") { Account = Acme });
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(4), "t-2", "asked") { Account = Acme });

        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using (redis)
        {
            var database = redis.GetDatabase();
            var root = "{" + isolation + ":a:acme}";
            (await database.SortedSetLengthAsync(root + ":supt")).Should().Be(7).And.Be(await database.SortedSetLengthAsync(root + ":supz"));
            var members = (await database.SortedSetRangeByValueAsync(root + ":supt")).Select(m => (byte[])m!).ToList();
            members.Should().ContainSingle(m => Internal.SuppressionKeys.NumberOfListing(m) == TestNumbers.Us(1).Value && Internal.SuppressionKeys.ListOfListing(m).Length == 0)
                .Which.Should().Equal(Internal.SuppressionKeys.ListingMember(SmsOptOut.Storage.StoredValues.Ticks(now.AddHours(1)), TestNumbers.Us(1).Value, string.Empty),
                    "the number's later opt-out replaced the lifted one");
        }
    }

    [SkippableFact]
    public async Task The_scripts_write_each_member_as_the_cursor_names_it_and_the_since_range_is_exact_below_a_microsecond()
    {
        var isolation = "listing_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(isolation);
        var at = TestStore.Epoch.AddYears(-3);

        // Instants a few ticks apart (two in one microsecond) and one past the index's last microsecond (2284), each number in
        // a list and account-wide; then the index is built again from the details (the first listing after a move), which
        // must give the same members.
        var sinces = new[] { at.AddTicks(-3), at, at.AddTicks(3), at.AddTicks(17), at.AddYears(400) };
        for (var i = 0; i < sinces.Length; i++)
        {
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(i), sinces[i], new ListId("ñews")) with { OccurredAt = sinces[i] }, []);
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(i), sinces[i]) with { OccurredAt = sinces[i] }, []);
        }

        var expected = sinces.SelectMany((since, i) => new[] { "", "ñews" }.Select(list =>
            Internal.SuppressionKeys.ListingMember(SmsOptOut.Storage.StoredValues.Ticks(since), TestNumbers.Us(i).Value, list))).ToList();
        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using (redis)
        {
            var database = redis.GetDatabase();
            var root = "{" + isolation + ":a:acme}";
            (await database.SortedSetRangeByValueAsync(root + ":supt")).Select(m => (byte[])m!).Should().BeEquivalentTo(expected, "the apply script writes what C# names");
            await database.KeyDeleteAsync([root + ":supt", root + ":suptok"]);
        }

        var listing = store.Services.GetRequiredService<ISuppressionListing>();
        var from = await listing.ListSuppressedAsync(Acme, new SuppressionFilter { SinceFrom = at, Scope = SuppressionScope.Account }, SuppressionListCursor.Start, 10);
        var before = await listing.ListSuppressedAsync(Acme, new SuppressionFilter { SinceBefore = at.AddTicks(3), Scope = SuppressionScope.Account }, SuppressionListCursor.Start, 10);
        var paged = new List<SuppressedNumber>();
        for (var cursor = SuppressionListCursor.Start; ;)
        {
            var page = await listing.ListSuppressedAsync(Acme, SuppressionFilter.None, cursor, 3);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page);
            cursor = page[^1].ListingCursor;
        }

        from.Select(e => e.Since).Should().Equal(sinces[4], sinces[3], sinces[2], sinces[1]);
        before.Select(e => e.Since).Should().Equal(sinces[1], sinces[0]);
        paged.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        paged.Should().Equal(paged.OrderByDescending(e => Math.Min(e.Since.UtcTicks / 10, (1L << 56) - 1)).ThenByDescending(e => e.Number.Value).ThenByDescending(e => e.List is not null),
            "the index orders by since to the microsecond (as PostgreSQL keeps it), then number, then list");
        await using (redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            (await redis.GetDatabase().SortedSetRangeByValueAsync("{" + isolation + ":a:acme}:supt")).Select(m => (byte[])m!)
                .Should().BeEquivalentTo(expected, "the build from the details writes the same members");
        }
    }
}
