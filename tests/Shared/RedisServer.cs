using System.Diagnostics;
using System.Net.Sockets;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis server for the test run, from the machine's redis-server, on a free port with its files in a
/// temporary folder (AOF on, fsync every second), owned by the test process: killed and deleted when it ends, also when
/// it is killed (<see cref="OwnedServers"/>).
/// </summary>
internal sealed class RedisServer
{
    private static readonly Lazy<Task<RedisServer>> Shared = new(StartAsync);

    private RedisServer(string configuration, string? unavailable, string folder = "")
    {
        Configuration = configuration;
        UnavailableReason = unavailable;
        Folder = folder;
    }

    /// <summary>The server's working folder: its AOF files are in <c>appendonlydir</c> below it.</summary>
    public string Folder { get; }

    /// <summary>The StackExchange.Redis configuration string of the server.</summary>
    public string Configuration { get; }

    /// <summary>Why there is no server, or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; }

    public static Task<RedisServer> GetAsync() => Shared.Value;

    private static async Task<RedisServer> StartAsync()
    {
        var executable = ServerProcess.Find("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);
        if (executable is null)
        {
            return new RedisServer(string.Empty, "redis-server not found: apt-get install redis-server");
        }

        OwnedServers.SweepOnce();
        var folder = Path.Combine(Path.GetTempPath(), "smsoptout-redis-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
            "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "no", "--daemonize", "no",
        })
        {
            info.ArgumentList.Add(argument);
        }

        OwnedServers.Redis(ServerProcess.StartDrained(info), folder);

        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new RedisServer($"127.0.0.1:{port},abortConnect=false", null, folder);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return new RedisServer(string.Empty, $"redis-server did not accept connections on port {port}");
    }
}
