namespace SmsOptOut.Evidence;

/// <summary>
/// Thrown when the consent log no longer agrees with what was signed: by <see cref="IConsentEvidence.CreateConsistencyProofAsync"/>
/// when the log was rewritten or cut since the checkpoint held, so no proof that it only grew can exist; by
/// <see cref="IConsentEvidence.CreateCertificateAsync"/> when the event's certificate does not verify, so none is issued.
/// Anything else that stops a proof or a certificate (no signing key, a storage that cannot be used) is not this
/// exception: the log did not diverge.
/// </summary>
public sealed class ConsentLogDivergenceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="divergence">Where the log stopped agreeing with the checkpoint.</param>
    /// <param name="message">The message, naming the divergence and what to do.</param>
    public ConsentLogDivergenceException(ConsentLogDivergence divergence, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        Divergence = divergence;
    }

    /// <summary>Where the log stopped agreeing with the checkpoint.</summary>
    public ConsentLogDivergence Divergence { get; }
}
