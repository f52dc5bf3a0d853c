using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>A reconciliation checkpoint as a store keeps it (see <see cref="IReconciliationCheckpointStore"/>).</summary>
/// <param name="Account">The account.</param>
/// <param name="Provider">The provider's name.</param>
/// <param name="Checkpoint">The checkpoint text.</param>
/// <param name="SavedAt">When it was saved.</param>
public sealed record StoredReconciliationCheckpoint(AccountId Account, string Provider, string Checkpoint, DateTimeOffset SavedAt);
