namespace SmsOptOut.Privacy;

/// <summary>Erasure, at <c>SmsOptOutOptions.DataProtection</c>.</summary>
public sealed class DataProtectionOptions
{
    /// <summary>
    /// Keys for the pseudonyms an erased number stays suppressed under. Required to erase. Rotating: add a key with a
    /// higher id (new erasures use it) and keep every older key configured for as long as pseudonymous suppressions made
    /// with it exist — removing one would stop suppressing those people, so the stores refuse to filter without it.
    /// </summary>
    public IList<PseudonymKey> PseudonymKeys { get; } = [];

    /// <summary>The id of the key new erasures use; defaults to the highest configured id.</summary>
    public int? ActivePseudonymKeyId { get; set; }
}
