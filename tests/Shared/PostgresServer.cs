using Npgsql;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb + pg_ctl from the machine's binaries, on a free port, in a
/// temporary folder (owned by the <c>postgres</c> user when the run is root, since PostgreSQL refuses to run as root),
/// owned by the test process: stopped (<c>pg_ctl stop -m immediate</c>) and deleted when it ends, also when it is killed
/// (<see cref="OwnedServers"/>). <see cref="StartOwnAsync"/> starts one for a single test, which may stop it and start it
/// again (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) without disturbing the tests that share the other.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string[] _pgCtl = [];
    private readonly OwnedServer? _owned;
    private readonly string _data = string.Empty;

    private PostgresServer(string connectionString, string? unavailable, string[]? pgCtl = null, OwnedServer? owned = null, string? data = null)
    {
        ConnectionString = connectionString;
        UnavailableReason = unavailable;
        _pgCtl = pgCtl ?? [];
        _owned = owned;
        _data = data ?? string.Empty;
    }

    /// <summary>Connection string to the server's <c>postgres</c> database (trust authentication).</summary>
    public string ConnectionString { get; }

    /// <summary>Why there is no server, or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A server of its own for one test (stopped when the process ends, as the shared one).</summary>
    public static Task<PostgresServer> StartOwnAsync() => StartAsync();

    /// <summary>Stops the server at once, as a crash would (<c>pg_ctl stop -m immediate</c>): committed work is in the WAL.</summary>
    public Task StopAsync() => ControlAsync("-m", "immediate", "-w", "stop");

    /// <summary>Starts the stopped server again, on the same port and data (it recovers from its WAL first).</summary>
    public async Task StartAgainAsync()
    {
        await ControlAsync("-w", "-t", "60", "start");
        _owned!.Started(await PostmasterPidAsync(_data));
    }

    /// <summary>The first line of postmaster.pid is the postmaster's pid.</summary>
    private static async Task<int> PostmasterPidAsync(string data) =>
        int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0], System.Globalization.CultureInfo.InvariantCulture);

    private async Task ControlAsync(params string[] arguments)
    {
        var (exit, output) = await ServerProcess.RunAsync(_pgCtl[0], [.. _pgCtl[1..], .. arguments]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed: {output}");
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        if (bin is null)
        {
            return Unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql");
        }

        OwnedServers.SweepOnce();
        var root = Path.Combine(Path.GetTempPath(), "smsoptout-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var port = ServerProcess.FreePort();
        async Task<(int, string)> AsPostgres(string tool, params string[] arguments) => ServerProcess.IsRoot
            ? await ServerProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : await ServerProcess.RunAsync(Path.Combine(bin, tool), arguments);

        if (ServerProcess.IsRoot)
        {
            var (chown, chownOutput) = await ServerProcess.RunAsync("chown", "postgres:postgres", root);
            if (chown != 0)
            {
                return Unavailable("cannot give the postgres user a data folder (is there a 'postgres' user?): " + chownOutput);
            }
        }

        // Owned before the postmaster exists, so that a kill during the start is covered too.
        var owned = OwnedServers.Postgres(root, data, Path.Combine(bin, "pg_ctl"), ServerProcess.IsRoot);
        var (init, initOutput) = await AsPostgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        if (init != 0)
        {
            owned.Stop();
            return Unavailable("initdb failed: " + initOutput);
        }

        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB";
        string[] pgCtl = [.. ServerProcess.IsRoot ? ["runuser", "-u", "postgres", "--"] : Array.Empty<string>(), Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"), "-o", options];
        var (start, startOutput) = await AsPostgres("pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start");
        if (start != 0)
        {
            owned.Stop();
            return Unavailable("pg_ctl start failed: " + startOutput);
        }

        owned.Started(await PostmasterPidAsync(data));

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", MaxPoolSize = 20, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5,
        }.ConnectionString;
        return new PostgresServer(connectionString, null, pgCtl, owned, data);
    }

    private static string? FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        var initdb = ServerProcess.Find("initdb", versions.Select(v => Path.Combine(v, "initdb")));
        return initdb is not null && File.Exists(Path.Combine(Path.GetDirectoryName(initdb)!, "pg_ctl")) ? Path.GetDirectoryName(initdb) : null;
    }

    private static PostgresServer Unavailable(string reason) => new(string.Empty, reason);
}
