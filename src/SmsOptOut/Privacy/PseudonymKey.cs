namespace SmsOptOut.Privacy;

/// <summary>A key for the pseudonyms erased numbers stay suppressed under (<see cref="DataProtectionOptions.PseudonymKeys"/>).</summary>
public sealed class PseudonymKey
{
    /// <summary>The key id (1–255), stored with every pseudonymous suppression made with the key.</summary>
    public int Id { get; set; }

    /// <summary>
    /// The key material, base64, at least 32 bytes (256 bits). Generate with <c>openssl rand -base64 32</c>; keep it out
    /// of the database (a secret store, an environment variable): with the key, a pseudonym can be matched to a number.
    /// </summary>
    public string Secret { get; set; } = string.Empty;
}
