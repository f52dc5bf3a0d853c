using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Webhooks;

/// <summary>
/// The argument checks of <see cref="IWebhookDeliveryHistory"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class WebhookDeliveryHistoryArguments
{
    /// <summary>The most recent attempts one call may return.</summary>
    public const int MaxRecentAttempts = 500;

    /// <summary>Checks the arguments of <see cref="Webhooks.IWebhookDeliveryHistory.GetRecentAttemptsAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="limit">The most messages to return.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="MaxRecentAttempts"/>.</exception>
    public static void ValidateRecent(AccountId account, int limit)
    {
        StoreArguments.ValidateAccount(account);
        if (limit is < 1 or > MaxRecentAttempts)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected a limit from 1 to {MaxRecentAttempts}.");
        }
    }
}
