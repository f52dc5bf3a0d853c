using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Preferences;

/// <summary>
/// The lists of an account a recipient is on, with the names people know them by: what the preference center offers
/// to leave one by one. The host implements it over its own data (the CRM's lists) and registers it as a singleton;
/// without one, the center offers the full opt-out and the pause only.
/// </summary>
public interface IPreferenceListProvider
{
    /// <summary>The lists of <paramref name="account"/> that <paramref name="number"/> is on (at most 50 are shown), in the order to show them.</summary>
    /// <param name="account">The account of the link.</param>
    /// <param name="number">The recipient.</param>
    /// <param name="cancellationToken">Cancels the lookup (the visitor went away).</param>
    /// <returns>The lists; empty when none.</returns>
    ValueTask<IReadOnlyList<PreferenceList>> GetListsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken);
}
