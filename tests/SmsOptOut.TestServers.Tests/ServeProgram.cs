using System.Globalization;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.TestServers.Tests;

/// <summary>
/// <c>serve</c>: starts the servers the fixtures start — the Redis server, the PostgreSQL server and the three-master
/// Redis Cluster — prints one line per server (<c>server</c>, kind, pid, start time, watchdog pid, folder, record,
/// tab-separated), then <c>ready</c>, and waits to be killed. <c>unavailable &lt;reason&gt;</c> instead when the
/// machine lacks a server.
/// </summary>
internal static class ServeProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["serve"])
        {
            await Console.Error.WriteLineAsync("usage: dotnet SmsOptOut.TestServers.Tests.dll serve");
            return 2;
        }

        var reasons = new[]
        {
            (await RedisServer.GetAsync()).UnavailableReason, (await PostgresServer.GetAsync()).UnavailableReason, (await RedisCluster.GetAsync()).UnavailableReason,
        };
        foreach (var reason in reasons.OfType<string>())
        {
            Console.WriteLine("unavailable " + reason.ReplaceLineEndings(" "));
        }

        foreach (var server in OwnedServers.Running)
        {
            var r = server.Record;
            Console.WriteLine(string.Join('\t', "server", r.Kind, r.ServerPid.ToString(CultureInfo.InvariantCulture), r.ServerStart,
                server.WatchdogPid.ToString(CultureInfo.InvariantCulture), r.Folder, r.Path));
        }

        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
