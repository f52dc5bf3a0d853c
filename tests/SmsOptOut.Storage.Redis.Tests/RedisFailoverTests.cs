using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;
using SmsOptOut.Webhooks;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// A master of a Redis Cluster with replicas killed (SIGKILL) while opt-outs with their webhooks are written and a
/// dispatcher delivers them; its replica takes over, and the killed node, restarted, rejoins as the new master's
/// replica (until then a store that asks for a replica's acknowledgement refuses writes of that shard). Reported: what the store acknowledged and what survived, without
/// and with <see cref="RedisStorageOptions.ReplicaAcknowledgements"/>. Redis replicates asynchronously, so without
/// acknowledgements the last writes a master acknowledged before dying may be gone; with them, none is.
/// </summary>
public sealed class RedisFailoverTests(ITestOutputHelper output)
{
    private const int KillAfter = 150;
    private const int Writes = 300;

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_master_killed_during_opt_outs_and_dispatch_fails_over_and_acknowledged_writes_survive_with_replica_acknowledgements()
    {
        var cluster = await RedisCluster.GetReplicatedAsync();
        if (cluster.UnavailableReason is { } reason)
        {
            Skip.If(Environment.GetEnvironmentVariable(StorageFixture.RequireServersVariable) != "1", reason);
            throw new InvalidOperationException(reason);
        }

        var unacknowledged = await RunAsync(cluster, replicaAcknowledgements: 0);
        var acknowledged = await RunAsync(cluster, replicaAcknowledgements: 1);

        foreach (var run in new[] { unacknowledged, acknowledged })
        {
            output.WriteLine(run.ToString());
            run.HalfWritten.Should().Be(0, "an opt-out and its webhook are one script, replicated as one");
            run.AcknowledgedAfterFailover.Should().BeGreaterThan(0, "writes go on against the promoted replica");
            run.Survived.Should().BeLessThanOrEqualTo(run.Acknowledged);
        }

        acknowledged.Survived.Should().Be(acknowledged.Acknowledged, "every write a replica acknowledged is on the replica that took over");
        acknowledged.DeliveriesSurvived.Should().BeLessThanOrEqualTo(acknowledged.DeliveriesAcknowledged);
    }

    private static async Task<FailoverRun> RunAsync(RedisCluster cluster, int replicaAcknowledgements)
    {
        var prefix = "failover_" + Guid.NewGuid().ToString("N")[..8];
        var configuration = cluster.Configuration + ",connectTimeout=1000,syncTimeout=3000,asyncTimeout=3000";
        var (masterPort, replicaPort) = await MasterWithReplicaAsync(cluster);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var account = Enumerable.Range(0, 10_000).Select(i => "tenant-" + i.ToString(CultureInfo.InvariantCulture))
            .First(a => redis.GetDatabase().IdentifyEndpoint("{" + prefix + ":a:" + a + "}")!.ToString()!.EndsWith(":" + masterPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await using var services = Services(configuration, prefix, replicaAcknowledgements);
        var store = services.GetRequiredService<ISuppressionStore>();
        var outbox = services.GetRequiredService<IWebhookOutboxStore>();
        var tenant = new AccountId(account);

        var acknowledged = new ConcurrentDictionary<int, bool>();
        var delivered = new ConcurrentDictionary<string, bool>();
        var killed = new TaskCompletionSource<long>();
        var failures = 0;
        var afterFailover = 0;
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(async () =>
        {
            for (var n = 0; n < Writes && clock.Elapsed < TimeSpan.FromSeconds(90); n++)
            {
                var e = Events.OptOut(tenant, TestNumbers.Us(n), DateTimeOffset.UtcNow, id: "evt_" + n.ToString(CultureInfo.InvariantCulture));
                var message = Events.Message(e, DateTimeOffset.UtcNow, "msg_" + n.ToString(CultureInfo.InvariantCulture));
                while (clock.Elapsed < TimeSpan.FromSeconds(90))
                {
                    try
                    {
                        await store.ApplyAsync(e, [message]);
                        acknowledged[n] = true;
                        afterFailover += killed.Task.IsCompleted ? 1 : 0;
                        break;
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        Interlocked.Increment(ref failures);
                        await Task.Delay(50);
                    }
                }

                if (acknowledged.Count == KillAfter && !killed.Task.IsCompleted)
                {
                    cluster.Kill(masterPort);
                    killed.SetResult(clock.ElapsedMilliseconds);
                }
            }
        });
        var dispatcher = Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                try
                {
                    foreach (var m in await outbox.ClaimDueAsync("dispatcher", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), 20))
                    {
                        if (await outbox.RecordAttemptAsync(new OutboxAttempt(m.Id, "dispatcher", OutboxMessageState.Delivered, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null)))
                        {
                            delivered[m.Id] = true;
                        }
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    await Task.Delay(50);
                }

                await Task.Delay(10);
            }
        });
        var recovery = Task.Run(async () =>
        {
            await killed.Task;
            await WaitForPromotionAsync(cluster, replicaPort);
            await WaitForClusterAsync(cluster, replicaPort);
            cluster.Restart(masterPort);
        });
        await Task.WhenAll(writer, dispatcher, recovery);
        await WaitForClusterAsync(cluster, masterPort);
        await WaitForDemotionAsync(cluster, masterPort);

        // Read back through a new instance, as a restarted app would.
        await using var after = Services(configuration, prefix, 0);
        var reread = after.GetRequiredService<ISuppressionStore>();
        var rereadOutbox = after.GetRequiredService<IWebhookOutboxStore>();
        var (survived, halfWritten, deliveriesSurvived) = (0, 0, 0);
        for (var n = 0; n < Writes; n++)
        {
            var suppressed = await reread.IsSuppressedAsync(tenant, TestNumbers.Us(n));
            var message = await rereadOutbox.FindAsync("msg_" + n.ToString(CultureInfo.InvariantCulture));
            survived += suppressed && acknowledged.ContainsKey(n) ? 1 : 0;
            halfWritten += suppressed != message is not null ? 1 : 0;
            deliveriesSurvived += message is { State: OutboxMessageState.Delivered } && delivered.ContainsKey(message.Id) ? 1 : 0;
        }

        return new FailoverRun(replicaAcknowledgements, acknowledged.Count, survived, afterFailover, failures, delivered.Count, deliveriesSurvived, halfWritten,
            await killed.Task, clock.ElapsedMilliseconds);
    }

    private static ServiceProvider Services(string configuration, string prefix, int replicaAcknowledgements)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(TestStore.PseudonymKey)).UseRedis(o =>
        {
            o.Configuration = configuration;
            o.KeyPrefix = prefix;
            o.ReplicaAcknowledgements = replicaAcknowledgements;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>A live master that has a connected replica, from <c>CLUSTER NODES</c>.</summary>
    private static async Task<(int Master, int Replica)> MasterWithReplicaAsync(RedisCluster cluster)
    {
        foreach (var port in cluster.Ports)
        {
            var (exit, text) = await cluster.CliAsync(port, "cluster", "nodes");
            if (exit != 0)
            {
                continue;
            }

            var nodes = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(f => f.Length >= 8 && !f[2].Contains("fail", StringComparison.Ordinal)).ToArray();
            foreach (var replica in nodes.Where(f => f[2].Contains("slave", StringComparison.Ordinal) && f[7] == "connected"))
            {
                if (nodes.FirstOrDefault(f => f[0] == replica[3] && f[2].Contains("master", StringComparison.Ordinal)) is { } master)
                {
                    return (Port(master[1]), Port(replica[1]));
                }
            }
        }

        throw new InvalidOperationException("No live master with a connected replica is left in the test cluster.");

        static int Port(string address) => int.Parse(address[(address.IndexOf(':', StringComparison.Ordinal) + 1)..address.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the replica on <paramref name="port"/> has taken over as master (a node restarted before that, without persistence, would come back as an empty master).</summary>
    private static Task WaitForPromotionAsync(RedisCluster cluster, int port) =>
        WaitForAsync(cluster, port, ["info", "replication"], "role:master", $"The replica on port {port} did not take over.");

    /// <summary>
    /// Waits until the restarted old master serves as the new master's replica, its link up: until then it may still
    /// announce itself as the slot's (empty) master to a new client. (The run that once counted 150 half-written had
    /// another cause: the failover lost the account's entry in the accounts set, through which a new instance finds a
    /// message by id; <c>RedisAccountListTests</c>.)
    /// </summary>
    private static Task WaitForDemotionAsync(RedisCluster cluster, int port) =>
        WaitForAsync(cluster, port, ["info", "replication"], "master_link_status:up", $"The restarted node on port {port} did not become the new master's replica.");

    private static Task WaitForClusterAsync(RedisCluster cluster, int port) =>
        WaitForAsync(cluster, port, ["cluster", "info"], "cluster_state:ok", $"The cluster did not recover after the failover (node {port}).");

    private static async Task WaitForAsync(RedisCluster cluster, int port, string[] command, string expected, string failure)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await cluster.CliAsync(port, command)).Output.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException(failure);
    }

    private sealed record FailoverRun(int ReplicaAcknowledgements, int Acknowledged, int Survived, int AcknowledgedAfterFailover, int FailedAttempts,
        int DeliveriesAcknowledged, int DeliveriesSurvived, int HalfWritten, long KilledAtMilliseconds, long TookMilliseconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"ReplicaAcknowledgements={ReplicaAcknowledgements}: {Acknowledged} opt-outs acknowledged ({AcknowledgedAfterFailover} after the kill at {KilledAtMilliseconds} ms), {Survived} survived, {Acknowledged - Survived} lost; {FailedAttempts} attempts failed during the failover; {DeliveriesAcknowledged} deliveries recorded, {DeliveriesSurvived} survived; {HalfWritten} half-written; {TookMilliseconds} ms");
    }
}
