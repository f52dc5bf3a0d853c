using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Evidence;

/// <summary>
/// Verifies a consent certificate offline, with nothing but the certificate and the log's public keys
/// (docs/evidence.md, "Certificates"): the event's leaf, the inclusion proof to the checkpoint's root, and the
/// checkpoint's signature.
/// </summary>
public static class ConsentCertificateVerifier
{
    /// <summary>Checks a certificate's JSON against the public keys (raw 32-byte Ed25519, by key id).</summary>
    /// <param name="json">The certificate.</param>
    /// <param name="publicKeys">The log's public keys.</param>
    /// <returns>Valid, or the first thing that failed; a certificate that cannot be read is invalid with the reason.</returns>
    public static CertificateVerification Verify(string json, IReadOnlyDictionary<string, byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(publicKeys);
        ConsentCertificate certificate;
        try
        {
            certificate = ConsentCertificate.Parse(json);
        }
        catch (FormatException e)
        {
            return new CertificateVerification(false, e.Message, null, null, null, null);
        }

        var check = certificate.Verify(publicKeys);
        return new CertificateVerification(check.IsValid, check.Failure, certificate.Event.Account.Value, certificate.Event.EventId, certificate.LeafIndex, certificate.Checkpoint);
    }
}

/// <summary>The outcome of verifying a consent certificate.</summary>
/// <param name="IsValid">Whether every check passed.</param>
/// <param name="Failure">What failed first, when it is not valid.</param>
/// <param name="Account">The account the certificate is about, when it could be read.</param>
/// <param name="EventId">The event it certifies, when it could be read.</param>
/// <param name="LeafIndex">The event's place in its log, when it could be read.</param>
/// <param name="Checkpoint">The checkpoint it leads to, when it could be read.</param>
public sealed record CertificateVerification(bool IsValid, string? Failure, string? Account, string? EventId, long? LeafIndex, ConsentCheckpoint? Checkpoint);
