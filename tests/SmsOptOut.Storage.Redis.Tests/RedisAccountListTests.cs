using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The accounts set (<c>accts</c>) lists every account that holds data; walks over the accounts (retention, verification
/// rounds, a message looked up by id) read it. A failover with asynchronous replication can lose its entry for an
/// account this instance registered before: when the connection fails and comes back, the next write to the account adds
/// it again. (RedisFailoverTests met this: every message of the account was "missing" after the failover.)
/// </summary>
public sealed class RedisAccountListTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [SkippableFact]
    public async Task An_account_whose_entry_a_failover_lost_is_listed_again_by_the_next_write_after_the_connection_came_back()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "acl_" + Guid.NewGuid().ToString("N")[..8];
        var name = "smsoptout-" + prefix;
        await using var store = fixture.CreateStore(prefix, services => services.Configure<RedisStorageOptions>(o => o.Configuration += ",name=" + name));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        var acme = Events.OptOut(Acme, TestNumbers.Us(1), TestStore.Epoch);
        await store.Suppression.ApplyAsync(acme, [Events.Message(acme, TestStore.Epoch, "msg_1")]);
        var accounts = "{" + prefix + "}:accts";
        (await database.SetContainsAsync(accounts, Acme.Value)).Should().BeTrue();

        // What a failover to a replica that had not received it leaves: the entry gone, the account's data there.
        await database.KeyDeleteAsync(accounts);
        var killed = 0L;
        foreach (var line in ((string)(await database.ExecuteAsync("CLIENT", "LIST"))!).Split('\n'))
        {
            if (line.Contains(" name=" + name + " ", StringComparison.Ordinal))
            {
                killed += (long)await database.ExecuteAsync("CLIENT", "KILL", "ID", line.Split(' ')[0]["id=".Length..]);
            }
        }

        killed.Should().BePositive("the store's connections were found by their name");
        var next = Events.OptOut(Acme, TestNumbers.Us(2), TestStore.Epoch.AddMinutes(1));
        await SmsOptOut.Testing.Eventually.TrueAsync(async () =>
        {
            try
            {
                await store.Suppression.ApplyAsync(next, [Events.Message(next, TestStore.Epoch, "msg_2")]);
                return await database.SetContainsAsync(accounts, Acme.Value);
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, "the account listed again after the store reconnected", TimeSpan.FromSeconds(20));

        await using var another = fixture.CreateStore(prefix);
        (await another.Services.GetRequiredService<IWebhookOutboxStore>().FindAsync("msg_1")).Should().NotBeNull("a new instance finds the account's messages through the list");
    }
}
