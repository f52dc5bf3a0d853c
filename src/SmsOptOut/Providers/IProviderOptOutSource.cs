using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// A provider that lists the opt-outs it holds (Telnyx's <c>GET /v2/messaging_optouts</c>), so an opt-out whose webhook
/// never arrived — an outage longer than the provider's retries, a misconfigured URL — is still found. Read by
/// <see cref="IProviderReconciliation"/>, page by page, for one account with that account's credentials.
/// </summary>
public interface IProviderOptOutSource
{
    /// <summary>One page of the opt-outs the provider holds for <paramref name="account"/> in <paramref name="window"/>.</summary>
    /// <param name="account">The account whose credentials read the list.</param>
    /// <param name="window">The opt-outs' times to read; the same for every page of one run, so paging stays stable.</param>
    /// <param name="pageToken">The previous page's <see cref="ProviderOptOutPage.NextPageToken"/>, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page; <see cref="ProviderOptOutPage.NextPageToken"/> is <see langword="null"/> on the last.</returns>
    /// <exception cref="ProviderUnavailableException">The provider cannot be read now (refused, unreachable, throttled); the run resumes from this page next time.</exception>
    Task<ProviderOptOutPage> ReadPageAsync(AccountId account, ProviderOptOutWindow window, string? pageToken, CancellationToken cancellationToken = default);
}
