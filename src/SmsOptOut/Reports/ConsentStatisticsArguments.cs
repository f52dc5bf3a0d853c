using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Reports;

/// <summary>
/// The argument checks of <see cref="IConsentStatisticsStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class ConsentStatisticsArguments
{
    /// <summary>The longest range of days a statistics query may cover.</summary>
    public const int MaxStatisticsDays = 366;

    /// <summary>Checks the arguments of <see cref="Reports.IConsentStatisticsStore.CountByDayAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first day.</param>
    /// <param name="through">The last day.</param>
    /// <exception cref="ArgumentException">The account is default, or the range is reversed or longer than <see cref="MaxStatisticsDays"/> days.</exception>
    public static void ValidateDays(AccountId account, DateOnly from, DateOnly through)
    {
        StoreArguments.ValidateAccount(account);
        if (through < from || through.DayNumber - from.DayNumber >= MaxStatisticsDays)
        {
            throw new ArgumentException($"The days {from:yyyy-MM-dd} through {through:yyyy-MM-dd} are not a range of 1 to {MaxStatisticsDays} days.", nameof(through));
        }
    }
}
