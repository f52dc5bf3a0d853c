using System.Collections.Concurrent;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// One writer at a time per SQLite file in this process. SQLite lets one transaction write at a time; writers of one
/// process that race for that lock wait in SQLite's busy handler, which sleeps between its tries (up to 100 ms each,
/// and Microsoft.Data.Sqlite adds 150 ms sleeps of its own), so four concurrent writers ran at ~7 transactions a second
/// where one after another runs hundreds. Writers of this process queue here instead and take the lock as it frees;
/// other processes still meet at SQLite's lock. A write started inside another's (a nested call in the same flow)
/// passes through; a writer that waits longer than the busy timeout goes on without the gate, to SQLite's lock, so the
/// gate can never hold a write forever.
/// </summary>
internal sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<SqliteWriteGate?> Holding = new();

    private readonly SemaphoreSlim _gate;
    private readonly TimeSpan _patience;

    /// <param name="dataSource">The file (or shared in-memory name) the writers share.</param>
    /// <param name="patience">The longest a writer waits here before it goes on to SQLite's own lock.</param>
    public SqliteWriteGate(string dataSource, TimeSpan patience)
    {
        _gate = Gates.GetOrAdd(Key(dataSource), _ => new SemaphoreSlim(1, 1));
        _patience = patience;
    }

    /// <summary>Runs <paramref name="write"/> as this process's only writer of the file (see the class).</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (Holding.Value is { } holder && holder._gate == _gate)
        {
            return await write().ConfigureAwait(false);
        }

        var entered = await _gate.WaitAsync(_patience, cancellationToken).ConfigureAwait(false);
        try
        {
            Holding.Value = entered ? this : null;
            return await write().ConfigureAwait(false);
        }
        finally
        {
            Holding.Value = null;
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    private static string Key(string dataSource) =>
        dataSource.Length == 0 || dataSource.StartsWith(':') || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? dataSource : Path.GetFullPath(dataSource);
}
