using SmsOptOut.Consent;

namespace SmsOptOut.Suppression;

/// <summary>
/// Counts an account's current suppressions in one call — the entries <see cref="ISuppressionStore.GetSuppressedAsync"/>
/// pages through. Optional for storage adapters: without it <c>IConsentStatistics</c> pages through them.
/// </summary>
public interface ISuppressionCounter
{
    /// <summary>How many suppressions <paramref name="account"/> holds (one per number and scope; erased numbers' pseudonymous ones not included).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default);
}
