using System.Diagnostics;
using System.Globalization;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Infrastructure;
using SmsOptOut.TestServers.Tests.Support;

namespace SmsOptOut.TestServers.Tests;

/// <summary>
/// No server the test run starts outlives the test host that started it: when the host is killed (SIGKILL, no
/// clean-up code runs) its watchdogs stop the servers; when the watchdogs are gone too, the next run's sweep does.
/// </summary>
public sealed class ServerOwnershipTests
{
    private static readonly TimeSpan WatchdogInterval = TimeSpan.FromSeconds(30);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task Every_server_stops_when_the_test_host_that_started_it_is_killed_with_SIGKILL()
    {
        using var host = await ServingProcess.StartAsync();
        var servers = host.Servers;
        servers.Select(s => s.Kind).Should().BeEquivalentTo(["redis", "postgres", "redis", "redis", "redis"], "the Redis server, PostgreSQL and three cluster nodes");
        servers.Should().OnlyContain(s => s.IsRunning, host.Output());

        await host.KillAsync();

        await Eventually.TrueAsync(() => servers.All(s => !s.IsRunning), "every server of the killed host to stop", WatchdogInterval,
            diagnostics: () => Describe(servers.Where(s => s.IsRunning)));
        await Eventually.TrueAsync(() => servers.All(s => !Directory.Exists(s.Folder) && !File.Exists(s.Record)), "their folders and records to be deleted", WatchdogInterval);
        await Eventually.TrueAsync(() => servers.All(s => OwnedServers.StartTimeOf(s.WatchdogPid) is null), "the watchdogs to end", WatchdogInterval);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task The_next_sweep_stops_the_servers_of_a_host_killed_together_with_its_watchdogs()
    {
        using var host = await ServingProcess.StartAsync();
        var servers = host.Servers;
        foreach (var watchdog in servers.Select(s => s.WatchdogPid))
        {
            using var process = Process.GetProcessById(watchdog);
            process.Kill();
        }

        await host.KillAsync();
        await Eventually.TrueAsync(() => servers.All(s => OwnedServers.StartTimeOf(s.WatchdogPid) is null), "the watchdogs to be gone");
        servers.Should().OnlyContain(s => s.IsRunning, "nothing stopped them: owner and watchdogs died at once");

        var swept = OwnedServers.Sweep();

        foreach (var server in servers)
        {
            swept.Should().Contain(line => line.Contains($" pid {server.Pid.ToString(CultureInfo.InvariantCulture)} of dead owner {host.Pid.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
        }

        servers.Where(s => s.IsRunning).Should().BeEmpty("the sweep stops every server whose owner is gone");
        servers.Should().OnlyContain(s => !Directory.Exists(s.Folder) && !File.Exists(s.Record), "the sweep deletes their folders and records");
    }

    [Fact]
    public async Task The_sweep_leaves_the_server_of_a_live_owner_and_stops_the_one_of_a_dead_owner()
    {
        using var ofLiveOwner = StandIn();
        using var ofDeadOwner = StandIn();
        using var reusedPid = StandIn();
        var deadOwner = await DeadProcessAsync();
        var live = Record(ofLiveOwner, Environment.ProcessId, OwnedServers.StartTimeOf(Environment.ProcessId)!);
        var dead = Record(ofDeadOwner, deadOwner, "1");
        // A record whose server pid now belongs to another process (same pid, another start time) must not kill it.
        var stale = Record(reusedPid, deadOwner, "1", serverStart: "1");
        try
        {
            var swept = OwnedServers.Sweep();

            swept.Should().Contain(l => l.Contains($" pid {ofDeadOwner.Id.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
            swept.Should().NotContain(l => l.Contains($" pid {ofLiveOwner.Id.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
            ofDeadOwner.WaitForExit(10_000).Should().BeTrue("the sweep kills the server of a dead owner");
            (Directory.Exists(dead.Folder), File.Exists(dead.Path)).Should().Be((false, false), "its folder and record are deleted");
            ofLiveOwner.HasExited.Should().BeFalse("a live owner's server is left alone");
            (Directory.Exists(live.Folder), File.Exists(live.Path)).Should().Be((true, true));
            reusedPid.HasExited.Should().BeFalse("a pid that now names another process is not killed");
            File.Exists(stale.Path).Should().BeFalse();
        }
        finally
        {
            OwnedServers.TryDelete(live.Path);
            Directory.Delete(live.Folder, recursive: true);
        }
    }

    /// <summary>A process standing in for a server: killable, harmless.</summary>
    private static Process StandIn() => Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;

    private static async Task<int> DeadProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static ServerRecord Record(Process server, int owner, string ownerStart, string? serverStart = null)
    {
        var record = ServerRecord.Create("redis", Directory.CreateTempSubdirectory("smsoptout-sweep-test-").FullName);
        record.OwnerPid = owner;
        record.OwnerStart = ownerStart;
        record.ServerPid = server.Id;
        record.ServerStart = serverStart ?? OwnedServers.StartTimeOf(server.Id)!;
        record.Write();
        return record;
    }

    private static string Describe(IEnumerable<ServedServer> servers) =>
        "Still running: " + string.Join(", ", servers.Select(s => $"{s.Kind} pid {s.Pid} (watchdog {s.WatchdogPid}, {s.Folder})"));
}
