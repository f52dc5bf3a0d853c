namespace SmsOptOut.Evidence;

/// <summary>
/// Thrown by <see cref="IConsentEvidence.CreateConsistencyProofAsync"/> when the log no longer agrees with the checkpoint
/// held: it was rewritten or cut since that checkpoint was signed, so no proof that it only grew can exist. Anything else
/// that stops a proof (no signing key, a storage that cannot be used) is not this exception: the log did not diverge.
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
