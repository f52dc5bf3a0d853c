using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Redis's schema is its key layout: a new store starts at the current one, and <c>smsoptout migrate</c> reports it.</summary>
public sealed class RedisSchemaTests(RedisStorageFixture fixture) : StorageSuite<RedisStorageFixture>(fixture)
{
    [SkippableFact]
    public async Task A_new_store_starts_at_key_layout_8_and_migrate_reports_it()
    {
        await using var store = Fixture.CreateStore();
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(0, 8));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(8, 8));
    }

    [SkippableFact]
    public async Task A_layout_newer_than_this_package_is_refused_with_the_fix()
    {
        await using var store = Fixture.CreateStore();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        await redis.GetDatabase().StringSetAsync("{" + store.IsolationKey + "}:layout", 9);

        var read = () => store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(1));

        (await read.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*key layout 9, newer than*(8); upgrade the package*");
    }
}
