using System.Diagnostics;
using System.Globalization;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis Cluster for the test run, from the machine's redis-server and redis-cli (<c>cluster-enabled
/// yes</c>, <c>redis-cli --cluster create</c>), on free ports, each node with an append-only file, owned by the test
/// process (killed when it ends, also when it is killed: <see cref="OwnedServers"/>): three masters, with one replica
/// each when asked for.
/// </summary>
internal sealed class RedisCluster
{
    private static readonly Lazy<Task<RedisCluster>> Shared = new(() => StartAsync(replicas: 0));
    private static readonly Lazy<Task<RedisCluster>> Replicated = new(() => StartAsync(replicas: 1));

    private readonly Dictionary<int, OwnedServer> _nodes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (OwnedServer Server, string Folder)> _standalone = new();
    private readonly string _server;
    private readonly string _folder;

    private RedisCluster(string configuration, string? unavailable, string cli, Dictionary<int, OwnedServer> nodes, string server = "", string folder = "")
    {
        _server = server;
        _folder = folder;
        Configuration = configuration;
        UnavailableReason = unavailable;
        Cli = cli;
        _nodes = nodes;
    }

    /// <summary>The StackExchange.Redis configuration string naming every node.</summary>
    public string Configuration { get; }

    /// <summary>Why there is no cluster, or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The redis-cli executable.</summary>
    public string Cli { get; }

    /// <summary>The ports of the nodes.</summary>
    public IReadOnlyCollection<int> Ports => _nodes.Keys;

    /// <summary>The shared three-master cluster without replicas.</summary>
    public static Task<RedisCluster> GetAsync() => Shared.Value;

    /// <summary>A second cluster, three masters with one replica each, for failover tests (which kill its masters).</summary>
    public static Task<RedisCluster> GetReplicatedAsync() => Replicated.Value;

    /// <summary>Kills the node on <paramref name="port"/> at once (SIGKILL: no shutdown, no save).</summary>
    public void Kill(int port) => _nodes[port].Kill();

    /// <summary>Starts the node on <paramref name="port"/> again with its configuration file, so it rejoins the cluster (as a replica of the master that took its slots over).</summary>
    public void Restart(int port)
    {
        _nodes[port] = OwnedServers.Redis(ServerProcess.StartDrained(Info(_server, _folder, port, cluster: true)), _folder);
    }

    /// <summary>Runs redis-cli against the node on <paramref name="port"/>.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(int port, params string[] arguments) =>
        ServerProcess.RunAsync(Cli, ["-p", port.ToString(CultureInfo.InvariantCulture), .. arguments]);

    /// <summary>Starts a standalone redis-server (not in any cluster) on a free port in <paramref name="folder"/>, owned like the nodes (the folder is deleted with it); returns its port once it answers.</summary>
    public async Task<int> StartStandaloneAsync(string folder)
    {
        var port = ServerProcess.FreePort();
        await StartStandaloneAsync(folder, port);
        return port;
    }

    /// <summary>
    /// Kills the standalone server on <paramref name="port"/> (SIGKILL) and starts a new one on the same port and folder;
    /// with <paramref name="loseData"/> its files are deleted first: a restart of a node that kept nothing (no persistence),
    /// or a failover to an empty replica. Returns once it answers.
    /// </summary>
    public async Task RestartStandaloneAsync(int port, bool loseData)
    {
        var (server, folder) = _standalone[port];
        server.Kill();
        if (loseData)
        {
            foreach (var file in Directory.GetFiles(folder, $"*-{port.ToString(CultureInfo.InvariantCulture)}.rdb"))
            {
                File.Delete(file);
            }

            var aof = Path.Combine(folder, $"aof-{port.ToString(CultureInfo.InvariantCulture)}");
            if (Directory.Exists(aof))
            {
                Directory.Delete(aof, recursive: true);
            }
        }

        await StartStandaloneAsync(folder, port);
    }

    private async Task StartStandaloneAsync(string folder, int port)
    {
        _standalone[port] = (OwnedServers.Redis(ServerProcess.StartDrained(Info(_server, folder, port, cluster: false)), folder), folder);
        for (var attempt = 0; attempt < 100 && !(await CliAsync(port, "ping")).Output.Contains("PONG", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<RedisCluster> StartAsync(int replicas)
    {
        var server = ServerProcess.Find("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);
        var cli = ServerProcess.Find("redis-cli", ["/usr/bin/redis-cli", "/usr/local/bin/redis-cli"]);
        if (server is null || cli is null)
        {
            return new RedisCluster(string.Empty, "redis-server or redis-cli not found: apt-get install redis-server", string.Empty, []);
        }

        OwnedServers.SweepOnce();
        var folder = Path.Combine(Path.GetTempPath(), "smsoptout-redis-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var ports = Enumerable.Range(0, 3 * (1 + replicas)).Select(_ => ServerProcess.FreePort()).Distinct().ToArray();
        // The nodes share the folder (their files are named by port); whichever stops first deletes it.
        var nodes = ports.ToDictionary(p => p, p => OwnedServers.Redis(ServerProcess.StartDrained(Info(server, folder, p, cluster: true)), folder));

        var addresses = ports.Select(p => $"127.0.0.1:{p}").ToArray();
        var cluster = new RedisCluster(string.Join(',', addresses) + ",abortConnect=false", null, cli, nodes, server, folder);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (created, output) = await ServerProcess.RunAsync(cli,
                ["--cluster", "create", .. addresses, "--cluster-replicas", replicas.ToString(CultureInfo.InvariantCulture), "--cluster-yes"]);
            if (created == 0 && output.Contains("All 16384 slots covered", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(100);
        }

        for (var attempt = 0; attempt < 200; attempt++)
        {
            var states = await Task.WhenAll(ports.Select(p => cluster.CliAsync(p, "cluster", "info")));
            if (states.All(s => s.Output.Contains("cluster_state:ok", StringComparison.Ordinal)) && (replicas == 0 || await ReplicasLinkedAsync(cluster, ports)))
            {
                return cluster;
            }

            await Task.Delay(100);
        }

        return new RedisCluster(string.Empty, $"the Redis Cluster on ports {string.Join(", ", ports)} did not reach cluster_state:ok", cli, nodes);
    }

    /// <summary>Whether every replica has finished its first sync with its master.</summary>
    private static async Task<bool> ReplicasLinkedAsync(RedisCluster cluster, int[] ports)
    {
        var roles = await Task.WhenAll(ports.Select(p => cluster.CliAsync(p, "info", "replication")));
        return roles.Where(r => r.Output.Contains("role:slave", StringComparison.Ordinal))
            .All(r => r.Output.Contains("master_link_status:up", StringComparison.Ordinal) && r.Output.Contains("master_sync_in_progress:0", StringComparison.Ordinal));
    }

    private static ProcessStartInfo Info(string server, string folder, int port, bool cluster)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = ["--port", text, "--bind", "127.0.0.1", "--dir", folder, "--dbfilename", $"dump-{text}.rdb", "--save", "", "--appendonly", "yes",
            "--appendfsync", "everysec", "--appenddirname", $"aof-{text}", "--protected-mode", "no", "--daemonize", "no"];
        foreach (var argument in cluster ? [.. arguments, "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{text}.conf", "--cluster-node-timeout", "2000"] : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
