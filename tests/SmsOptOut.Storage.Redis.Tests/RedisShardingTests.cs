using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// How the Redis adapter spreads one deployment over a cluster: every account's keys in its own slot, the accounts
/// over every master, and dispatchers claiming from all of them; and how a webhook no signal points to is still found.
/// </summary>
public sealed class RedisShardingTests(RedisClusterFixture fixture) : StorageSuite<RedisClusterFixture>(fixture)
{
    [SkippableFact]
    public async Task Accounts_spread_over_every_master_and_one_claim_reaches_webhooks_on_all_of_them()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var accounts = Enumerable.Range(0, 60).Select(i => new AccountId("tenant-" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var account in accounts)
        {
            await store.OweWebhookAsync(account, TestNumbers.Us(1));
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var database = redis.GetDatabase();
        var masters = accounts.GroupBy(a => database.IdentifyEndpoint("{" + store.IsolationKey + ":a:" + a.Value + "}")!.ToString()).ToDictionary(g => g.Key!, g => g.Count());
        masters.Should().HaveCount(3, "60 accounts hash to slots on all three masters");
        masters.Values.Should().OnlyContain(n => n >= 10, "CRC16 spreads accounts about evenly: {0}", string.Join(", ", masters));
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            server.Keys(pattern: "{" + store.IsolationKey + ":a:*").Should().NotBeEmpty("master {0} holds some accounts' keys", server.EndPoint);
        }

        var claimed = await store.Outbox.ClaimDueAsync("dispatcher", now, TimeSpan.FromMinutes(1), 100);

        claimed.Select(m => m.Account).Should().BeEquivalentTo(accounts, "one claim visits every account with webhooks due, whichever master holds it");
    }

    [SkippableFact]
    public async Task A_webhook_whose_wake_signal_was_lost_is_found_by_the_sweep_of_a_new_instance()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(7), now.AddHours(1));
        (await store.Outbox.ClaimDueAsync("same-instance", now, TimeSpan.FromMinutes(1), 10)).Should().BeEmpty("the webhook is due in an hour; this first claim swept");

        // What a writer that died between its script and its signal leaves: the message, and no wake entry.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        (await redis.GetDatabase().SortedSetRemoveAsync("{" + store.IsolationKey + "}:wake:out", Acme.Value)).Should().BeTrue("the write signalled");
        (await store.Outbox.ClaimDueAsync("same-instance", now.AddHours(1), TimeSpan.FromMinutes(1), 10)).Should().BeEmpty("nothing points to the account until the next sweep");

        await store.ReopenAsync();

        (await store.Outbox.ClaimDueAsync("new-instance", now.AddHours(1), TimeSpan.FromMinutes(1), 10)).Select(m => m.Id).Should().Equal(message.Id);
    }
}
