using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The suppression snapshot across a restart of a Redis node that lost its data (no persistence, or a failover to an
/// empty replica): the account's change counter starts again from zero and, one opt-out later, is back at the count the
/// snapshot holds — with another number behind it. The snapshot must notice the server's new run id and load again, never
/// answer from what it held.
/// </summary>
public sealed class RedisSnapshotRestartTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber[] Numbers = [TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3)];

    [SkippableFact]
    public async Task A_node_restarted_without_its_data_makes_the_snapshot_load_again_even_at_the_same_count()
    {
        var cluster = await RedisCluster.GetAsync();
        if (cluster.UnavailableReason is { } reason)
        {
            Skip.If(Environment.GetEnvironmentVariable(StorageFixture.RequireServersVariable) != "1", reason);
            throw new InvalidOperationException(reason);
        }

        var folder = Directory.CreateTempSubdirectory("smsoptout-redis-restart-").FullName;
        var port = await cluster.StartStandaloneAsync(folder);
        var configuration = $"127.0.0.1:{port},abortConnect=false,connectTimeout=1000,syncTimeout=3000,asyncTimeout=3000";
        var prefix = "restart_" + Guid.NewGuid().ToString("N")[..8];
        await using var writer = Services(configuration, prefix, snapshot: false);
        await using var sender = Services(configuration, prefix, snapshot: true);
        var store = writer.GetRequiredService<ISuppressionStore>();
        var filter = sender.GetRequiredService<ISuppressionStore>();
        using var probe = new SnapshotProbe(sender, Acme, Numbers);
        var at = DateTimeOffset.UtcNow;
        await store.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await probe.WarmAsync();
        (await probe.FlagsAsync()).Should().Equal(true, false, false);
        var counter = await CounterAsync(port, prefix);

        await cluster.RestartStandaloneAsync(port, loseData: true);
        var afterRestart = Events.OptOut(Acme, TestNumbers.Us(2), at);
        await UntilAnsweredAsync(() => store.ApplyAsync(afterRestart, []));
        (await CounterAsync(port, prefix)).Should().Be(counter, "the lost counter is back at the snapshot's count: only the run id tells the two apart");
        var fromMemory = probe.FromMemory;

        bool[] first = [];
        await UntilAnsweredAsync(async () => first = await probe.FlagsAsync());

        first.Should().Equal([false, true, false], "the restarted node holds the second opt-out only; the snapshot's first one is gone with its data");
        probe.FromMemory.Should().Be(fromMemory, "a snapshot of another run id is not used: it loads again, and the store answers meanwhile");
        await probe.WarmAsync();
        (await probe.FlagsAsync()).Should().Equal([false, true, false], "the snapshot loaded from the restarted node");
    }

    private static ServiceProvider Services(string configuration, string prefix, bool snapshot)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.LinkBaseUrl = new Uri("https://opt.example/u/"))
            .UseRedis(o => (o.Configuration, o.KeyPrefix, o.SuppressionSnapshot) = (configuration, prefix, snapshot));
        return services.BuildServiceProvider();
    }

    private static async Task<long> CounterAsync(int port, string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        return (long)await redis.GetDatabase().StringGetAsync("{" + prefix + ":a:" + Acme.Value + "}:supv");
    }




    /// <summary>Runs <paramref name="call"/> until the reconnected client answers, for at most 30 seconds.</summary>
    private static async Task UntilAnsweredAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
