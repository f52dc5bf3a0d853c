using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;

namespace SmsOptOut.Keywords;

/// <summary>
/// The argument checks of <see cref="IKeywordReplyLedger"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class KeywordReplyLedgerArguments
{
    /// <summary>Checks the arguments of a reply-ledger call.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number to be answered.</param>
    /// <param name="quietPeriod">The quiet period.</param>
    /// <exception cref="ArgumentException">The account is default or the number empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The quiet period is negative.</exception>
    public static void ValidateReply(AccountId account, PhoneNumber number, TimeSpan quietPeriod)
    {
        StoreArguments.ValidateAccount(account);
        if (number.IsEmpty)
        {
            throw new ArgumentException("The number to be answered is empty.", nameof(number));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(quietPeriod, TimeSpan.Zero);
    }
}
