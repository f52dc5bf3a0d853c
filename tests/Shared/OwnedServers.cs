using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// The servers this process started (redis-server, a PostgreSQL postmaster), and the guarantee that none outlives it,
/// in three layers:
/// <list type="number">
/// <item><b>Orderly</b>: <see cref="StopAll"/> stops them when xunit has finished with the test assembly
/// (<c>ServerTestFramework</c>) and, for other hosts such as the benchmarks, on <see cref="AppDomain.ProcessExit"/>.</item>
/// <item><b>On a kill</b>: each server has a watchdog, a <c>sh</c> started through <c>setsid -f</c> (a session of its
/// own, a child of init, so neither a process-tree kill nor a signal to the test host's process group reaches it) whose
/// standard input is a pipe from this process. It blocks reading it. However this process ends — SIGKILL included — the
/// kernel closes the pipe, the watchdog reads end-of-file and stops the server (SIGKILL to that redis-server, checked by
/// its start time; <c>pg_ctl stop -m immediate</c>), deletes its folder and its record. <see cref="StopAll"/> closes the
/// same pipe, so the orderly path and the crash path run the same stop.</item>
/// <item><b>At the next start</b>: each server has a record in <see cref="Folder"/> (kind, server pid, owner pid, both
/// start times, data folder); the first server a process starts is preceded by <see cref="Sweep"/>, which stops the
/// servers of every record whose owner no longer exists — what is left when a watchdog was killed too.</item>
/// </list>
/// </summary>
/// <remarks>
/// Why not a parent-death signal: <c>prctl(PR_SET_PDEATHSIG)</c> (<c>setpriv --pdeathsig</c>) fires when the
/// <em>thread</em> that forked the child ends, and .NET starts processes from thread-pool threads that retire when idle;
/// and <c>pg_ctl</c> forks the postmaster, which clears the setting. Why not a <c>kill -0 $PID</c> polling loop: it
/// wakes every second and can be fooled by a reused pid; end-of-file on a pipe is immediate and exact. The pipe's
/// write end is opened close-on-exec by .NET, so no other child of this process holds it open.
/// </remarks>
internal static class OwnedServers
{
    private static readonly ConcurrentDictionary<OwnedServer, bool> Live = new();
    private static int _swept;

    static OwnedServers() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    /// <summary>The folder of the records, one per user (the sweep only ever stops what its own user started).</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "smsoptout-servers-" + Environment.UserName);

    /// <summary>The servers of this process that are not stopped yet.</summary>
    public static IReadOnlyCollection<OwnedServer> Running => [.. Live.Keys];

    /// <summary>Runs <see cref="Sweep"/> once per process; every fixture calls it before it starts a server.</summary>
    public static void SweepOnce()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            Sweep();
        }
    }

    /// <summary>Stops the server of every record whose owner process is gone, deletes its folder and the record.</summary>
    /// <returns>What was swept, one line per record.</returns>
    public static IReadOnlyList<string> Sweep()
    {
        Directory.CreateDirectory(Folder);
        var swept = new List<string>();
        foreach (var file in Directory.GetFiles(Folder, "*" + ServerRecord.Extension))
        {
            var record = ServerRecord.Read(file);
            if (record is null)
            {
                DeleteIfOld(file);
                continue;
            }

            if (IsAlive(record.OwnerPid, record.OwnerStart))
            {
                continue;
            }

            StopInProcess(record);
            TryDelete(file);
            swept.Add($"{record.Kind} pid {record.ServerPid} of dead owner {record.OwnerPid} ({record.Folder})");
        }

        return swept;
    }

    /// <summary>Stops every server of this process and waits until they are gone.</summary>
    public static void StopAll() => Parallel.ForEach(Live.Keys, server => server.Stop());

    /// <summary>Adopts a redis-server this process has just started: writes its record and arms its watchdog.</summary>
    /// <param name="server">The redis-server process.</param>
    /// <param name="folder">Its working folder, deleted when it stops.</param>
    /// <returns>The owned server.</returns>
    public static OwnedServer Redis(Process server, string folder)
    {
        var record = ServerRecord.Create("redis", folder);
        record.ServerPid = server.Id;
        record.ServerStart = StartTimeOf(server.Id) ?? string.Empty;
        record.Write();
        return Adopt(new OwnedServer(record, server, ["redis", record.ServerPid.ToString(CultureInfo.InvariantCulture), record.ServerStart, string.Empty]));
    }

    /// <summary>
    /// Adopts a PostgreSQL data folder <em>before</em> its postmaster starts, so a kill during the start is covered:
    /// the watchdog and the sweep stop it with <c>pg_ctl stop -m immediate</c> on <paramref name="data"/>.
    /// </summary>
    /// <param name="root">The folder that holds the data folder, the socket and the log; deleted when it stops.</param>
    /// <param name="data">The data folder.</param>
    /// <param name="pgCtl">The pg_ctl executable.</param>
    /// <param name="asPostgres">Whether pg_ctl runs as the <c>postgres</c> user (through runuser), because the run is root.</param>
    /// <returns>The owned server; call <see cref="OwnedServer.Started"/> once the postmaster runs.</returns>
    public static OwnedServer Postgres(string root, string data, string pgCtl, bool asPostgres)
    {
        var record = ServerRecord.Create("postgres", root);
        record.PgCtl = pgCtl;
        record.PgData = data;
        record.AsPostgres = asPostgres;
        record.Write();
        return Adopt(new OwnedServer(record, null, ["postgres", pgCtl, data, asPostgres ? "runuser" : string.Empty]));
    }

    /// <summary>The start time of process <paramref name="pid"/> (clock ticks since boot on Linux), or <see langword="null"/> when there is no such live process.</summary>
    public static string? StartTimeOf(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        if (Directory.Exists("/proc/self"))
        {
            try
            {
                // After the command name in parentheses: field 3 (state) is index 0, field 22 (starttime) index 19.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return fields[0] is "Z" or "X" ? null : fields[19];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Whether process <paramref name="pid"/> exists and is the one that started at <paramref name="start"/> (not a reused pid).</summary>
    public static bool IsAlive(int pid, string start) => start.Length > 0 && StartTimeOf(pid) == start;

    /// <summary>What the watchdog does, done by this process: when the watchdog is gone, and in the sweep.</summary>
    internal static void StopInProcess(ServerRecord record)
    {
        if (record.Kind == "postgres" && File.Exists(Path.Combine(record.PgData, "postmaster.pid")))
        {
            string[] stop = [record.PgCtl, "-D", record.PgData, "-m", "immediate", "-w", "stop"];
            _ = (record.AsPostgres ? ServerProcess.RunAsync("runuser", ["-u", "postgres", "--", .. stop]) : ServerProcess.RunAsync(stop[0], stop[1..]))
                .Wait(TimeSpan.FromSeconds(60));
        }

        if (IsAlive(record.ServerPid, record.ServerStart))
        {
            try
            {
                using var process = Process.GetProcessById(record.ServerPid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }

            var clock = Stopwatch.StartNew();
            while (IsAlive(record.ServerPid, record.ServerStart) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(20);
            }
        }

        TryDeleteFolder(record.Folder);
    }

    internal static void Forget(OwnedServer server) => Live.TryRemove(server, out _);

    internal static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Swept again next time.
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            if (folder.Length > 0 && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean up with the temp folder.
        }
    }

    private static void DeleteIfOld(string file)
    {
        // A record is written to a temporary name and renamed, so an unreadable one is left over from an interrupted write.
        if (File.Exists(file) && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromMinutes(1))
        {
            TryDelete(file);
        }
    }

    private static OwnedServer Adopt(OwnedServer server)
    {
        Live[server] = true;
        return server;
    }
}

/// <summary>
/// One server this process owns: its record in <see cref="OwnedServers.Folder"/> and its watchdog (see
/// <see cref="OwnedServers"/>).
/// </summary>
internal sealed class OwnedServer
{
    /// <summary>
    /// The watchdog: prints its pid, blocks on standard input; on end-of-file stops the server, deletes its folder and
    /// its record; on the line <c>abandon</c> just exits. <c>$1</c> record, <c>$2</c> folder, <c>$3</c> kind; for
    /// redis <c>$4</c> pid and <c>$5</c> start time, for postgres <c>$4</c> pg_ctl, <c>$5</c> data folder and <c>$6</c>
    /// <c>runuser</c> when pg_ctl runs as the postgres user.
    /// </summary>
    private const string Script = """
        exec 2>/dev/null
        trap '' HUP INT TERM QUIT PIPE
        echo $$
        read -r line
        [ "$line" = abandon ] && exit 0
        started() { [ ! -r /proc/self/stat ] || [ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f20)" = "$2" ]; }
        case "$3" in
          redis)
            if started "$4" "$5"; then
              kill -9 "$4"
              n=0
              while [ $n -lt 100 ] && started "$4" "$5" && ! grep -q '^State:.*Z' "/proc/$4/status"; do sleep 0.05; n=$((n + 1)); done
            fi ;;
          postgres)
            if [ -n "$6" ]; then runuser -u postgres -- "$4" -D "$5" -m immediate -w stop; else "$4" -D "$5" -m immediate -w stop; fi >/dev/null ;;
        esac
        rm -rf "$2"
        rm -f "$1"
        """;

    private static readonly string? Setsid = ServerProcess.Find("setsid", ["/usr/bin/setsid", "/bin/setsid"]);

    private readonly Process _watchdog;
    private readonly Process? _server;
    private int _state;

    internal OwnedServer(ServerRecord record, Process? server, string[] arguments)
    {
        Record = record;
        _server = server;
        var info = new ProcessStartInfo(Setsid ?? "sh")
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in (string[])[.. Setsid is null ? [] : (string[])["-f", "sh"], "-c", Script, "smsoptout-watchdog", record.Path, record.Folder, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        _watchdog = Process.Start(info)!;
        WatchdogPid = int.Parse(_watchdog.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the server watchdog did not start"), CultureInfo.InvariantCulture);
    }

    /// <summary>The server's record.</summary>
    public ServerRecord Record { get; }

    /// <summary>The watchdog's pid.</summary>
    public int WatchdogPid { get; }

    /// <summary>Records the pid of a server adopted before it ran (the postmaster, read from <c>postmaster.pid</c>).</summary>
    /// <param name="pid">The server's pid.</param>
    public void Started(int pid)
    {
        Record.ServerPid = pid;
        Record.ServerStart = OwnedServers.StartTimeOf(pid) ?? string.Empty;
        Record.Write();
    }

    /// <summary>Stops the server through its watchdog and waits until it is done; does it in this process when the watchdog is gone.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return;
        }

        try
        {
            _watchdog.StandardInput.Close();
            _ = _watchdog.StandardOutput.ReadToEndAsync().Wait(TimeSpan.FromSeconds(60));
        }
        catch (IOException)
        {
            // The watchdog is gone; the record tells below.
        }

        if (File.Exists(Record.Path))
        {
            OwnedServers.StopInProcess(Record);
            OwnedServers.TryDelete(Record.Path);
        }

        _server?.WaitForExit(5_000);
        OwnedServers.Forget(this);
    }

    /// <summary>
    /// Kills the server at once (SIGKILL: no shutdown, no save) and keeps its folder, as a crash would; the watchdog is
    /// dismissed and the record deleted. A failover test starts the server again with a new <see cref="OwnedServer"/>.
    /// </summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return;
        }

        try
        {
            _watchdog.StandardInput.WriteLine("abandon");
            _watchdog.StandardInput.Close();
            _ = _watchdog.StandardOutput.ReadToEndAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }

        try
        {
            _server?.Kill();
            _server?.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }

        OwnedServers.TryDelete(Record.Path);
        OwnedServers.Forget(this);
    }
}

/// <summary>
/// What the sweep needs to stop a server whose owner died: a <c>name=value</c> file per server in
/// <see cref="OwnedServers.Folder"/>, written to a temporary name and renamed so it is never read half-written.
/// </summary>
internal sealed class ServerRecord
{
    public const string Extension = ".server";

    private ServerRecord(string path) => Path = path;

    /// <summary>The record's file.</summary>
    public string Path { get; }

    /// <summary><c>redis</c> or <c>postgres</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public int ServerPid { get; set; }

    public string ServerStart { get; set; } = string.Empty;

    public int OwnerPid { get; set; }

    public string OwnerStart { get; set; } = string.Empty;

    /// <summary>The server's folder, deleted with it.</summary>
    public string Folder { get; set; } = string.Empty;

    public string PgCtl { get; set; } = string.Empty;

    public string PgData { get; set; } = string.Empty;

    public bool AsPostgres { get; set; }

    /// <summary>A record of this process for a server of <paramref name="kind"/> in <paramref name="folder"/>.</summary>
    public static ServerRecord Create(string kind, string folder)
    {
        Directory.CreateDirectory(OwnedServers.Folder);
        var pid = Environment.ProcessId;
        return new ServerRecord(System.IO.Path.Combine(OwnedServers.Folder, $"{kind}-{pid.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}{Extension}"))
        {
            Kind = kind, Folder = folder, OwnerPid = pid, OwnerStart = OwnedServers.StartTimeOf(pid) ?? string.Empty,
        };
    }

    /// <summary>Reads a record; <see langword="null"/> when the file is gone or not a record.</summary>
    public static ServerRecord? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var values = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!values.TryGetValue("kind", out var kind) || !values.TryGetValue("ownerPid", out var owner) || !int.TryParse(owner, CultureInfo.InvariantCulture, out var ownerPid))
        {
            return null;
        }

        string Get(string name) => values.TryGetValue(name, out var value) ? value : string.Empty;
        return new ServerRecord(path)
        {
            Kind = kind, OwnerPid = ownerPid, OwnerStart = Get("ownerStart"), ServerPid = int.TryParse(Get("serverPid"), CultureInfo.InvariantCulture, out var server) ? server : 0,
            ServerStart = Get("serverStart"), Folder = Get("folder"), PgCtl = Get("pgCtl"), PgData = Get("pgData"), AsPostgres = Get("asPostgres") == "true",
        };
    }

    /// <summary>Writes the record (again).</summary>
    public void Write()
    {
        var temporary = Path + ".tmp";
        File.WriteAllLines(temporary,
        [
            "kind=" + Kind, "serverPid=" + ServerPid.ToString(CultureInfo.InvariantCulture), "serverStart=" + ServerStart,
            "ownerPid=" + OwnerPid.ToString(CultureInfo.InvariantCulture), "ownerStart=" + OwnerStart, "folder=" + Folder,
            "pgCtl=" + PgCtl, "pgData=" + PgData, "asPostgres=" + (AsPostgres ? "true" : "false"),
        ]);
        File.Move(temporary, Path, overwrite: true);
    }
}
