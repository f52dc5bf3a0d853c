using SmsOptOut.Storage.ConformanceTests;
using SmsOptOut.Storage.Redis.Internal;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The crash-safety proof on Redis: the writing client process is killed while the Lua scripts run; after each kill the
/// account's indexes agree with each other (leaves and their records, events and their ids and numbers, suppressions and their
/// members, outbox rows and due entries).
/// </summary>
public sealed class RedisCrashSafetyTests(RedisStorageFixture fixture, ITestOutputHelper output) : CrashSafetyTests<RedisStorageFixture>(fixture, output)
{
    protected override Task CheckStorageAfterKillAsync(string isolationKey) => AccountIndexes.AssertAgreeAsync(Fixture.Configuration, isolationKey);
}

/// <summary>The crash-safety proof on the three-master cluster, where the account's slot and the deployment-wide one may sit on different masters.</summary>
public sealed class RedisClusterCrashSafetyTests(RedisClusterFixture fixture, ITestOutputHelper output) : CrashSafetyTests<RedisClusterFixture>(fixture, output)
{
    protected override Task CheckStorageAfterKillAsync(string isolationKey) => AccountIndexes.AssertAgreeAsync(Fixture.Configuration, isolationKey);
}

/// <summary>Checks that the crash workers' account (<c>crash</c>) has indexes that agree with each other.</summary>
internal static class AccountIndexes
{
    public static async Task AssertAgreeAsync(string configuration, string isolationKey)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var database = connection.GetDatabase();
        var account = "{" + isolationKey + ":a:crash}";
        var leaves = await database.ListLengthAsync(account + ":log");
        (leaves + await database.ListLengthAsync(account + ":era")).Should().BePositive("the worker acknowledged writes (or erasures of them) before it was killed, so the keys checked are the account's");
        var records = new List<RedisValue>();
        for (var list = 0L; list * 128 < leaves; list++)
        {
            records.AddRange(await database.ListRangeAsync(account + ":ev:" + list));
        }

        records.Should().HaveCount((int)leaves, "each leaf has its record beside it");
        var events = records.Count(r => r.Length() > 1);
        var ids = 0L;
        foreach (var bucket in RedisStorage.BucketNames(account, "evix", leaves))
        {
            ids += await database.HashLengthAsync(bucket);
        }

        ids.Should().Be(events, "each stored event's id is indexed");
        var indexed = 0;
        foreach (var bucket in RedisStorage.BucketNames(account, "evnum", (long)await database.StringGetAsync(account + ":evnumc")))
        {
            indexed += (await database.HashValuesAsync(bucket)).Sum(v => ((string)v!).Split(' ').Length);
        }

        indexed.Should().Be(events, "each stored event is in its number's index");
        var details = 0L;
        foreach (var bucket in RedisStorage.BucketNames(account, "supd", (long)await database.StringGetAsync(account + ":supdc")))
        {
            details += await database.HashLengthAsync(bucket);
        }

        (await database.SortedSetLengthAsync(account + ":supz")).Should().Be(details, "each suppression has its details");
        var pending = await database.HashGetAsync(account + ":cnt", "0");
        (pending.IsNull ? 0 : (long)pending).Should().Be(await database.SortedSetLengthAsync(account + ":due"));
    }
}
