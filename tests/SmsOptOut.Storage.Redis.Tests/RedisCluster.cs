using System.Diagnostics;
using System.Globalization;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// A throwaway Redis Cluster of three masters for the test run, from the machine's redis-server and redis-cli
/// (<c>cluster-enabled yes</c>, <c>redis-cli --cluster create</c>), on free ports, killed when the process exits.
/// </summary>
internal sealed class RedisCluster
{
    private static readonly Lazy<Task<RedisCluster>> Shared = new(StartAsync);

    private RedisCluster(string configuration, string? unavailable)
    {
        Configuration = configuration;
        UnavailableReason = unavailable;
    }

    /// <summary>The StackExchange.Redis configuration string naming every master.</summary>
    public string Configuration { get; }

    /// <summary>Why there is no cluster, or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; }

    public static Task<RedisCluster> GetAsync() => Shared.Value;

    private static async Task<RedisCluster> StartAsync()
    {
        var server = ServerProcess.Find("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);
        var cli = ServerProcess.Find("redis-cli", ["/usr/bin/redis-cli", "/usr/local/bin/redis-cli"]);
        if (server is null || cli is null)
        {
            return new RedisCluster(string.Empty, "redis-server or redis-cli not found: apt-get install redis-server");
        }

        var folder = Path.Combine(Path.GetTempPath(), "smsoptout-redis-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var ports = Enumerable.Range(0, 3).Select(_ => ServerProcess.FreePort()).Distinct().ToArray();
        var processes = new List<Process>();
        foreach (var port in ports)
        {
            var text = port.ToString(CultureInfo.InvariantCulture);
            var info = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "--port", text, "--bind", "127.0.0.1", "--dir", folder, "--dbfilename", $"dump-{text}.rdb", "--save", "", "--appendonly", "no",
                "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{text}.conf", "--protected-mode", "no", "--daemonize", "no",
            })
            {
                info.ArgumentList.Add(argument);
            }

            var process = ServerProcess.StartDrained(info);
            processes.Add(process);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in processes)
            {
                try
                {
                    process.Kill();
                    process.WaitForExit(5_000);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS to clean up
            }
        };

        var nodes = ports.Select(p => $"127.0.0.1:{p}").ToArray();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (created, output) = await ServerProcess.RunAsync(cli, ["--cluster", "create", .. nodes, "--cluster-replicas", "0", "--cluster-yes"]);
            if (created == 0 && output.Contains("All 16384 slots covered", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(100);
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var states = await Task.WhenAll(ports.Select(p => ServerProcess.RunAsync(cli, "-p", p.ToString(CultureInfo.InvariantCulture), "cluster", "info")));
            if (states.All(s => s.Output.Contains("cluster_state:ok", StringComparison.Ordinal)))
            {
                return new RedisCluster(string.Join(',', nodes) + ",abortConnect=false", null);
            }

            await Task.Delay(100);
        }

        return new RedisCluster(string.Empty, $"the Redis Cluster on ports {string.Join(", ", ports)} did not reach cluster_state:ok");
    }
}
