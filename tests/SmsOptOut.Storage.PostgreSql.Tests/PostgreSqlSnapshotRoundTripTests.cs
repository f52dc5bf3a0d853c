using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>
/// The suppression snapshot's round trip on PostgreSQL: each batch reads the account's counter on a connection kept for
/// it. A server restart breaks those connections: no batch is answered from memory while the counter cannot be read, an
/// opt-out committed just before the crash or just after the restart is seen by the first batch answered, and the snapshot
/// loads again (the server's epoch changed: a restart onto older data, or a failover, could bring the counter back to the
/// snapshot's count with other changes behind it). More
/// concurrent batches than kept connections each read the counter too.
/// </summary>
public sealed class PostgreSqlSnapshotRoundTripTests(ITestOutputHelper output)
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber[] Numbers = [TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3)];

    [SkippableFact]
    public async Task A_server_restart_never_answers_a_batch_from_a_stale_snapshot()
    {
        var server = await PostgresServer.StartOwnAsync();
        SkipWithout(server);
        var schema = "restart_" + Guid.NewGuid().ToString("N")[..8];
        await using var writer = Services(server, schema, snapshot: false);
        await using var sender = Services(server, schema, snapshot: true);
        var store = writer.GetRequiredService<ISuppressionStore>();
        var filter = sender.GetRequiredService<ISuppressionStore>();
        using var probe = new SnapshotProbe(sender, Acme, Numbers);
        var at = DateTimeOffset.UtcNow;
        await store.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await probe.WarmAsync();
        (await probe.FlagsAsync()).Should().Equal(true, false, false);

        // Committed, then the server crashes before the sender's next batch reads the counter.
        await store.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at), []);
        await server.StopAsync();
        var fromMemory = probe.FromMemory;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var during = () => filter.FilterAsync(Acme, null, Numbers, new bool[Numbers.Length]);
            (await during.Should().ThrowAsync<NpgsqlException>("the counter cannot be read while the server is down")).Which.Message.Should().NotBeEmpty();
        }

        probe.FromMemory.Should().Be(fromMemory, "no batch is answered from memory while the counter cannot be read");

        await server.StartAgainAsync();
        var afterRestart = Events.OptOut(Acme, TestNumbers.Us(3), at);
        var writeFailures = await UntilAnsweredAsync(() => store.ApplyAsync(afterRestart, []));
        var (answer, failures) = await FirstAnswerAsync(probe);
        output.WriteLine($"after the restart: {writeFailures} failed writes, {failures} failed batches (connections broken by the restart) before the first answer");

        answer.Should().Equal([true, true, true], "the opt-outs committed before the crash and after the restart are both seen by the first batch answered");
        failures.Should().BeLessThan(3, "the broken kept connections are replaced at once");
        probe.FromMemory.Should().Be(fromMemory, "a snapshot read before the restart is of another epoch (the postmaster's start): it loads again, the store answers meanwhile");
        await probe.WarmAsync();
        var answered = probe.FromMemory;
        await store.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), at), []);
        (await probe.FlagsAsync()).Should().Equal([false, true, true], "the reloaded snapshot sees the next change from the next batch");
        probe.FromMemory.Should().Be(answered + 1);
    }

    [SkippableFact]
    public async Task Kept_connections_unused_for_a_minute_go_back_to_the_pool_which_closes_them()
    {
        var server = await PostgresServer.GetAsync();
        SkipWithout(server);
        var schema = "idle_" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSmsOptOut(o => o.LinkBaseUrl = new Uri("https://opt.example/u/")).UsePostgreSql(o => (o.ConnectionString, o.Schema, o.SuppressionSnapshot) =
            (server.ConnectionString + $";Application Name={schema};Connection Idle Lifetime=1;Connection Pruning Interval=1", schema, true));
        await using var sender = services.BuildServiceProvider();
        using var probe = new SnapshotProbe(sender, Acme, Numbers);
        await sender.GetRequiredService<ISuppressionStore>().ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), DateTimeOffset.UtcNow), []);
        await probe.WarmAsync();

        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ConnectionsAsync(server, schema)).Should().BeGreaterThan(0, "the counter's connection is kept between batches, out of the pool's pruning");
        time.Advance(SuppressionVersionReaderIdleLifetime - TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ConnectionsAsync(server, schema)).Should().BeGreaterThan(0, "it was used less than a minute ago");

        time.Advance(TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ConnectionsAsync(server, schema) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        (await ConnectionsAsync(server, schema)).Should().Be(0, "unused for a minute, it went back to the pool, whose idle lifetime (1 s here) closed it");
        (await probe.FlagsAsync()).Should().Equal([true, false, false], "the next batch opens a connection again");
    }

    /// <summary>SuppressionVersionReader.IdleLifetime (internal): one minute.</summary>
    private static readonly TimeSpan SuppressionVersionReaderIdleLifetime = TimeSpan.FromMinutes(1);

    private static async Task<long> ConnectionsAsync(PostgresServer server, string applicationName)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [SkippableFact]
    public async Task More_concurrent_batches_than_kept_connections_each_see_an_opt_out_committed_before_them()
    {
        var server = await PostgresServer.GetAsync();
        SkipWithout(server);
        var schema = "concurrent_" + Guid.NewGuid().ToString("N")[..8];
        await using var writer = Services(server, schema, snapshot: false);
        await using var sender = Services(server, schema, snapshot: true);
        var store = writer.GetRequiredService<ISuppressionStore>();
        var filter = sender.GetRequiredService<ISuppressionStore>();
        using var probe = new SnapshotProbe(sender, Acme, Numbers);
        var at = DateTimeOffset.UtcNow;
        await store.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await probe.WarmAsync();

        for (var round = 0; round < 5; round++)
        {
            await store.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(100 + round), at), []);
            var batch = new[] { TestNumbers.Us(1), TestNumbers.Us(100 + round), TestNumbers.Us(200) };
            var fromMemory = probe.FromMemory;

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                var flags = new bool[batch.Length];
                await filter.FilterAsync(Acme, null, batch, flags);
                return flags;
            })));

            answers.Should().AllSatisfy(a => a.Should().Equal([true, true, false], "every batch reads the counter, kept connection or not"));
            probe.FromMemory.Should().Be(fromMemory + 8);
        }
    }

    private static void SkipWithout(PostgresServer server)
    {
        if (server.UnavailableReason is { } reason)
        {
            Skip.If(Environment.GetEnvironmentVariable(StorageFixture.RequireServersVariable) != "1", reason);
            throw new InvalidOperationException(reason);
        }
    }

    private static ServiceProvider Services(PostgresServer server, string schema, bool snapshot)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.LinkBaseUrl = new Uri("https://opt.example/u/"))
            .UsePostgreSql(o => (o.ConnectionString, o.Schema, o.SuppressionSnapshot) = (server.ConnectionString, schema, snapshot));
        return services.BuildServiceProvider();
    }





    /// <summary>Runs <paramref name="call"/> until it does not fail with a PostgreSQL error, for at most 30 seconds; returns how often it failed.</summary>
    private static async Task<int> UntilAnsweredAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var failures = 0; ; failures++)
        {
            try
            {
                await call();
                return failures;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The first batch's flags that the filter answers rather than fails, and how many failed before it.</summary>
    private static async Task<(bool[] Flags, int Failures)> FirstAnswerAsync(SnapshotProbe probe)
    {
        bool[] flags = [];
        var failures = await UntilAnsweredAsync(async () => flags = await probe.FlagsAsync());
        return (flags, failures);
    }
}
