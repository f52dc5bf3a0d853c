using SmsOptOut.Consent;

namespace SmsOptOut.Keywords;

/// <summary>
/// Supplies each account's keyword options (a CRM keeps them per tenant). The default returns
/// <c>SmsOptOutOptions.Keywords</c> for every account. Return the same instance while it is unchanged: classifiers are
/// built once per instance and cached.
/// </summary>
public interface IKeywordOptionsProvider
{
    /// <summary>The keyword options of <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The options; treat them as immutable once returned.</returns>
    ValueTask<KeywordOptions> GetOptionsAsync(AccountId account, CancellationToken cancellationToken = default);
}
