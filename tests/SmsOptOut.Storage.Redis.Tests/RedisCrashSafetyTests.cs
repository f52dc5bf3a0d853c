using StackExchange.Redis;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>The crash-safety proof on Redis: the writing client process is killed while the Lua scripts run.</summary>
public sealed class RedisCrashSafetyTests(RedisStorageFixture fixture, ITestOutputHelper output) : CrashSafetyTests<RedisStorageFixture>(fixture, output)
{
    protected override string StorageName => "redis";

    protected override string WorkerConnection(string isolationKey) => $"{Fixture.Configuration}|{isolationKey}";

    protected override async Task<(long Events, long Suppressions, long Outbox, long Orphans)> CountAsync(string isolationKey)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var database = connection.GetDatabase();
        var account = "{" + isolationKey + "}:a:crash";
        var events = await database.SortedSetLengthAsync(account + ":evz");
        var eventIds = await database.SetLengthAsync(account + ":evid");
        var suppressions = await database.SortedSetLengthAsync(account + ":supz");
        var members = await database.SetLengthAsync(account + ":sup");
        var outbox = (long)await database.HashGetAsync(account + ":cnt", "0");
        var due = await database.SortedSetLengthAsync("{" + isolationKey + "}:due");
        var orphans = Math.Abs(events - eventIds) + Math.Abs(suppressions - members) + Math.Abs(outbox - due);
        return (events, suppressions, outbox, orphans);
    }
}
