using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Redis's schema is its key layout: a new store starts at the current one, and <c>smsoptout migrate</c> reports it.</summary>
public sealed class RedisSchemaTests(RedisStorageFixture fixture) : StorageSuite<RedisStorageFixture>(fixture)
{
    [SkippableFact]
    public async Task A_new_store_starts_at_key_layout_9_and_migrate_reports_it()
    {
        await using var store = Fixture.CreateStore();
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(0, 9));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9));
    }

    [SkippableFact]
    public async Task A_store_at_layout_7_moves_to_9_without_touching_its_event_records()
    {
        await using var store = Fixture.CreateStore();
        var optOut = await store.OptOut.OptOutAsync(new SmsOptOut.Consent.ConsentRequest(Acme, TestNumbers.Us(1), SmsOptOut.Consent.OptOutSource.Keyword));
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var database = redis.GetDatabase();
        var records = "{" + store.IsolationKey + ":a:acme}:ev:0";
        var before = await database.ListRangeAsync(records);
        await database.StringSetAsync("{" + store.IsolationKey + "}:layout", 7);
        await store.ReopenAsync();

        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(7, 9), "layout 8 only changes the number, and layout 9 finds no erased leaf to list");
        (await database.ListRangeAsync(records)).Select(r => (byte[])r!).Should().BeEquivalentTo(before.Select(r => (byte[])r!), o => o.WithStrictOrdering(), "nothing moves");
        (await store.Services.GetRequiredService<SmsOptOut.Evidence.IConsentEvidence>().VerifyAsync(Acme)).IsIntact.Should().BeTrue();
        (await store.HistoryAsync(Acme, TestNumbers.Us(1))).Should().ContainSingle().Which.EventId.Should().Be(optOut.Event.EventId);
    }

    [SkippableFact]
    public async Task A_layout_newer_than_this_package_is_refused_with_the_fix()
    {
        await using var store = Fixture.CreateStore();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        await redis.GetDatabase().StringSetAsync("{" + store.IsolationKey + "}:layout", 10);

        var read = () => store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(1));

        (await read.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*key layout 10, newer than*(9); upgrade the package*");
    }
}
