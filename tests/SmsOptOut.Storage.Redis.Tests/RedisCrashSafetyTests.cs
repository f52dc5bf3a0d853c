using StackExchange.Redis;
using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The crash-safety proof on Redis: the writing client process is killed while the Lua scripts run; after each kill the
/// account's indexes agree with each other (events and their ids, suppressions and their members, outbox rows and due entries).
/// </summary>
public sealed class RedisCrashSafetyTests(RedisStorageFixture fixture, ITestOutputHelper output) : CrashSafetyTests<RedisStorageFixture>(fixture, output)
{
    protected override async Task CheckStorageAfterKillAsync(string isolationKey)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var database = connection.GetDatabase();
        var account = "{" + isolationKey + "}:a:crash";
        (await database.SortedSetLengthAsync(account + ":evz")).Should().Be(await database.SetLengthAsync(account + ":evid"));
        (await database.SortedSetLengthAsync(account + ":supz")).Should().Be(await database.SetLengthAsync(account + ":sup"));
        ((long)await database.HashGetAsync(account + ":cnt", "0")).Should().Be(await database.SortedSetLengthAsync("{" + isolationKey + "}:due"));
    }
}
