namespace SmsOptOut.DoNotCall;

/// <summary>The outcome of a Do-Not-Call registry import.</summary>
/// <param name="Registry">The set now in use.</param>
/// <param name="Read">Lines that held data (blank lines and <c>#</c> comments are not counted).</param>
/// <param name="Refused">Lines that are not phone numbers, skipped.</param>
/// <param name="Errors">The first 100 refused lines, as "line N: reason".</param>
public sealed record DoNotCallImportResult(DoNotCallRegistryInfo Registry, long Read, long Refused, IReadOnlyList<string> Errors)
{
    /// <summary>The distinct numbers imported.</summary>
    public long Imported => Registry.Count;
}
