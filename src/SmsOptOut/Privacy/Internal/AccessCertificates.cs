using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Privacy.Internal;

/// <summary>
/// The consent certificates an access report carries (docs/evidence.md, "Certificates"): one per event of the person that
/// is in the account's tamper-evident log, when the storage keeps the log and a key signs checkpoints; otherwise why not.
/// </summary>
internal sealed class AccessCertificates
{
    private readonly IConsentEvidence? _evidence;

    private AccessCertificates(IConsentEvidence? evidence, string? unavailable) => (_evidence, Unavailable) = (evidence, unavailable);

    /// <summary>Why the report holds no certificate at all; <see langword="null"/> when it offers them.</summary>
    public string? Unavailable { get; }

    /// <summary>The public keys that verify the certificates, by key id; none when <see cref="Unavailable"/>.</summary>
    public IReadOnlyDictionary<string, byte[]> PublicKeys => _evidence?.PublicKeys ?? new Dictionary<string, byte[]>();

    /// <summary>The certificates of a storage with or without the log, and of an evidence service with or without keys.</summary>
    public static AccessCertificates For(IConsentEvidence? evidence, IConsentLogStore? log) =>
        log is null
            ? new(null, "the storage keeps no tamper-evident consent log (StorageCapabilities.ConsentLog), so no event can be certified")
            : evidence is null || evidence.PublicKeys.Count == 0
                ? new(null, "no evidence signing key is configured (SmsOptOut:Evidence:SigningKeys), so no checkpoint can be signed and no event certified")
                : new(evidence, null);

    /// <summary>The certificate's JSON, or why the event has none (not in the log with its content, or a log that no longer verifies).</summary>
    public async Task<(string? Json, string? Unavailable)> CreateAsync(AccountId account, string eventId, CancellationToken cancellationToken)
    {
        if (_evidence is null)
        {
            return (null, Unavailable);
        }

        try
        {
            return (await _evidence.CreateCertificateAsync(account, eventId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (KeyNotFoundException)
        {
            return (null, "the event is not in the consent log with its content: it was recorded before the log, or retention minimized its evidence");
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }
}
