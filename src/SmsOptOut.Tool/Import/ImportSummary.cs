namespace SmsOptOut.Tool.Import;

/// <summary>What an import did. <see cref="Read"/> = <see cref="Applied"/> + <see cref="AlreadySuppressed"/> + <see cref="Refused"/> + <see cref="Skipped"/>.</summary>
internal sealed class ImportSummary
{
    public long Read { get; set; }

    /// <summary>Rows read so far, counted by the reading task while the import runs.</summary>
#pragma warning disable CA1051 // counted with Interlocked, so a field
    internal long ReadCounter;
#pragma warning restore CA1051

    /// <summary>Opt-outs recorded now (in a dry run: that would be recorded).</summary>
    public long Applied { get; set; }

    /// <summary>Rows whose number was already suppressed in that scope, or that an earlier run of the same file recorded.</summary>
    public long AlreadySuppressed { get; set; }

    /// <summary>Rows that are not opt-outs (no or a bad number, a bad timestamp or list); each reported with its line.</summary>
    public long Refused { get; set; }

    /// <summary>Rows the preset says are not opt-outs at all (an outbound message, a status other than opt-out): left out, not refused.</summary>
    public long Skipped { get; set; }

    public bool DryRun { get; set; }

    public double Seconds { get; set; }

    public double RowsPerSecond => Seconds > 0 ? Read / Seconds : 0;

    /// <summary>The process's peak working set, in bytes (with SQLite it includes the pages of the memory-mapped database file).</summary>
    public long PeakMemoryBytes { get; set; }

    /// <summary>The largest managed heap seen after a batch, in bytes: what the import itself holds.</summary>
    public long PeakManagedHeapBytes { get; set; }
}
