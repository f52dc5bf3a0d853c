using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage;

/// <summary>
/// The argument checks every storage contract shares (accounts, numbers, pages and limits), the same in every storage
/// adapter. Each contract's own checks are beside it: <c>SuppressionStoreArguments</c>, <c>OptInStoreArguments</c> and the
/// other <c>…Arguments</c> classes. For storage adapter authors.
/// </summary>
public static class StoreArguments
{
    /// <summary>The largest page <c>ISuppressionStore.GetSuppressedAsync</c> accepts.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Checks that an account id is not <c>default</c>.</summary>
    /// <param name="account">The account.</param>
    /// <exception cref="ArgumentException">The account is <c>default(AccountId)</c>.</exception>
    public static void ValidateAccount(AccountId account)
    {
        if (account.Value is null)
        {
            throw new ArgumentException("The account id is default(AccountId); expected an id created from its text.", nameof(account));
        }
    }

    /// <summary>Checks the arguments of a page request.</summary>
    /// <param name="account">The account.</param>
    /// <param name="limit">The page size.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static void ValidatePage(AccountId account, int limit)
    {
        ValidateAccount(account);
        ValidateLimit(limit);
    }

    /// <summary>Checks a per-call limit.</summary>
    /// <param name="limit">The limit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected a limit from 1 to {MaxPageSize}.");
        }
    }

    /// <summary>Checks the account and number of a store call about one number.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <exception cref="ArgumentException">The account is default or the number empty.</exception>
    public static void ValidateNumber(AccountId account, PhoneNumber number)
    {
        ValidateAccount(account);
        if (number.IsEmpty)
        {
            throw new ArgumentException("The number is empty; expected a parsed, non-empty PhoneNumber.", nameof(number));
        }
    }
}
