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
            var members = (await database.SortedSetRangeByValueAsync(root + ":supt")).Select(m => (string)m!).ToList();
            members.Should().ContainSingle(m => m.Contains("|" + Internal.SuppressionKeys.Member(TestNumbers.Us(1).Value, string.Empty), StringComparison.Ordinal))
                .Which.Should().StartWith(Internal.SuppressionKeys.Since(SmsOptOut.Storage.StoredValues.Ticks(now.AddHours(1))), "the number's later opt-out replaced the lifted one");
        }
    }
}
