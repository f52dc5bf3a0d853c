using SmsOptOut.Consent;

namespace SmsOptOut.Evidence;

/// <summary>
/// A third party that holds an account's signed checkpoints (docs/evidence.md, "Handing checkpoints to a third party"):
/// a webhook of an auditor, an RFC 3161 timestamping service, a transparency log, a write-once bucket. Register any
/// number in the service collection; each new checkpoint is handed to every witness as soon as it is signed. A witness
/// that throws is offered the account's latest checkpoint again at every checkpoint round until it accepts one (and,
/// after a restart, once more), so a witness sees every checkpoint at least once or a later one that proves it
/// (a consistency proof from the last one it holds): make it idempotent on (<see cref="ConsentCheckpoint.Origin"/>,
/// <see cref="ConsentCheckpoint.TreeSize"/>, <see cref="ConsentCheckpoint.RootHash"/>).
/// </summary>
public interface IConsentCheckpointWitness
{
    /// <summary>Hands one checkpoint to the third party; returns once it holds it (a receipt, if it gives one, is the host's to keep).</summary>
    /// <param name="account">The account whose log the checkpoint signs.</param>
    /// <param name="checkpoint">The checkpoint (<see cref="ConsentCheckpoint.ToJson"/> is its exchange form).</param>
    /// <param name="cancellationToken">Cancels the hand-over.</param>
    /// <returns>A task that completes when the third party holds it.</returns>
    Task WitnessAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken);
}
