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

    [SkippableFact]
    public async Task One_time_values_spread_over_every_master_and_a_value_with_braces_does_not_choose_its_slot()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(10);
        var values = Enumerable.Range(0, 60).Select(i => "plivo:nonce-" + i.ToString(CultureInfo.InvariantCulture)).Append("smsto:{" + store.IsolationKey + "}").ToArray();
        foreach (var value in values)
        {
            (await store.ReplayGuard.TryUseAsync(value, until)).Should().BeTrue();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Configuration);
        var keys = new List<string>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            var held = server.Keys(pattern: "{" + store.IsolationKey + ":r:*").Select(k => (string)k!).ToArray();
            held.Should().NotBeEmpty("master {0} holds some of the one-time values", server.EndPoint);
            keys.AddRange(held);
        }

        keys.Should().HaveCount(values.Length, "one key per value");
        keys.Should().OnlyContain(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^\\{" + store.IsolationKey + ":r:[0-9]{1,4}\\}:(plivo|smsto):"),
            "the store's own hash tag comes first, so text in the value cannot choose the slot");
        (await store.ReplayGuard.TryUseAsync("smsto:{" + store.IsolationKey + "}", until)).Should().BeFalse("the braced value is found again on its master");
    }
}
