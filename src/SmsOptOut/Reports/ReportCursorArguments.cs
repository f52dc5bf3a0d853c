using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Reports;

/// <summary>
/// The argument checks of <see cref="IReportCursorStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class ReportCursorArguments
{
    /// <summary>Checks a report cursor write.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cursor">The cursor.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentNullException">The cursor is null.</exception>
    public static void ValidateCursor(AccountId account, ReportCursor cursor)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(cursor);
    }

    /// <summary>Checks a report claim.</summary>
    /// <param name="account">The account.</param>
    /// <param name="owner">The claiming owner.</param>
    /// <param name="lease">The lease.</param>
    /// <exception cref="ArgumentException">The account is default or the owner empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive.</exception>
    public static void ValidateClaim(AccountId account, string owner, TimeSpan lease)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
    }
}
