using SmsOptOut.Storage.ConformanceTests.Support;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// How the Redis adapter keeps one-time values: one key each, under the store's own hash tag, holding the expiry judged
/// on the store's clock and expiring by itself a minute after it.
/// </summary>
public sealed class RedisReplayGuardKeyTests(RedisStorageFixture fixture) : StorageSuite<RedisStorageFixture>(fixture)
{
    [SkippableFact]
    public async Task A_used_value_is_one_key_that_holds_its_expiry_and_expires_by_itself_a_minute_after_it()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(10);
        await store.ReplayGuard.TryUseAsync("plivo:nonce-ttl", until);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var server = redis.GetServers().Single();

        var keys = server.Keys(pattern: "{" + store.IsolationKey + ":r:*").ToArray();

        keys.Should().ContainSingle().Which.ToString().Should().MatchRegex("^\\{" + store.IsolationKey + ":r:[0-9]{1,4}\\}:plivo:nonce-ttl$");
        var database = redis.GetDatabase();
        ((string?)await database.StringGetAsync(keys[0])).Should().Be(until.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture));
        var ttl = await database.KeyTimeToLiveAsync(keys[0]);
        ttl.Should().BeGreaterThan(TimeSpan.FromMinutes(10.5)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(11),
            "the ten minutes left on the store's clock, and one more for clocks that differ");

        await store.ReplayGuard.ForgetAsync("plivo:nonce-ttl");

        (await database.KeyExistsAsync(keys[0])).Should().BeFalse("a forgotten value's key is deleted");
    }

    [SkippableFact]
    public async Task A_value_used_after_its_expiry_on_the_store_clock_is_kept_for_its_new_expiry_not_the_old_one()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.ReplayGuard.TryUseAsync("vonage:nonce", now.AddMinutes(1));
        store.Time.Advance(TimeSpan.FromMinutes(2));

        (await store.ReplayGuard.TryUseAsync("vonage:nonce", now.AddHours(3))).Should().BeTrue("its expiry passed on the store's clock, though its key is still there");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var key = redis.GetServers().Single().Keys(pattern: "{" + store.IsolationKey + ":r:*").Single();
        (await redis.GetDatabase().KeyTimeToLiveAsync(key)).Should().BeGreaterThan(TimeSpan.FromHours(2.9), "the key lives as long as its new expiry");
        (await store.ReplayGuard.TryUseAsync("vonage:nonce", now.AddHours(3))).Should().BeFalse();
    }
}
