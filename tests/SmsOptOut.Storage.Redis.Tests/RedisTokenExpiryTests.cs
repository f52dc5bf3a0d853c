using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>How the Redis adapter indexes token expiry: one entry per batch in the account's slot, the tokens each in their own.</summary>
public sealed class RedisTokenExpiryTests(RedisStorageFixture fixture) : StorageSuite<RedisStorageFixture>(fixture)
{
    [SkippableFact]
    public async Task A_batch_takes_one_expiry_entry_and_cleanup_deletes_every_token_of_it()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var batch = Enumerable.Range(0, 1_500).Select(i => Token($"Batch{i:D5}", i, now.AddDays(1))).ToArray();
        var later = Enumerable.Range(0, 3).Select(i => Token($"Later{i:D5}", i, now.AddDays(2))).ToArray();
        await store.LinkTokens.AddAsync(batch);
        await store.LinkTokens.AddAsync([.. later, batch[0]]);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var database = redis.GetDatabase();
        var index = (RedisKey)("{" + store.IsolationKey + ":a:acme}:tokexp");

        (await database.SortedSetLengthAsync(index)).Should().Be(2, "one entry per batch and expiry; the taken token adds nothing");

        (await store.LinkTokens.DeleteExpiredAsync(now.AddDays(1))).Should().Be(1_500);

        (await database.SortedSetLengthAsync(index)).Should().Be(1);
        (await store.LinkTokens.FindAsync(batch[1_499].Token, now)).Should().BeNull("its batch expired and was deleted");
        (await store.LinkTokens.FindAsync(later[2].Token, now)).Should().NotBeNull();
        (await store.LinkTokens.DeleteExpiredAsync(now.AddDays(2))).Should().Be(3);
        (await database.SortedSetLengthAsync(index)).Should().Be(0);
        (await database.ExecuteAsync("KEYS", "{" + store.IsolationKey + ":a:acme}:tokg:*")).Length.Should().Be(0, "the batch lists go with their tokens");
    }

    private static StoredLinkToken Token(string token, int i, DateTimeOffset expiresAt) =>
        new(token, new OptOutLinkTarget(Acme, Newsletter, PhoneNumber.FromValue(14_155_550_000UL + (ulong)i)), expiresAt);
}
