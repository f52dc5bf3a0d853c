namespace SmsOptOut.Privacy;

/// <summary>What an erasure did, per account.</summary>
/// <param name="Records">One audit record per account the number was erased from; empty when no account held it.</param>
public sealed record ErasureResult(IReadOnlyList<ErasureRecord> Records)
{
    /// <summary>Whether any account held the number.</summary>
    public bool Found => Records.Count > 0;
}
