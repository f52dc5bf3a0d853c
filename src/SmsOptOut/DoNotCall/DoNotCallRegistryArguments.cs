using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.DoNotCall;

/// <summary>
/// The argument checks of <see cref="IDoNotCallRegistryStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class DoNotCallRegistryArguments
{
    /// <summary>Checks the scope of a Do-Not-Call registry set: an account that is not <c>default</c>, or <see langword="null"/> for every account.</summary>
    /// <param name="account">The account, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The account is <c>default(AccountId)</c>.</exception>
    public static void ValidateRegistry(AccountId? account)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }
    }

    /// <summary>Checks the arguments of a Do-Not-Call registry replacement.</summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="dataDate">The date of the data.</param>
    /// <param name="numbers">The numbers.</param>
    /// <exception cref="ArgumentException">The account is default or the date is not set.</exception>
    /// <exception cref="ArgumentNullException">The numbers are null.</exception>
    public static void ValidateRegistry(AccountId? account, DateOnly dataDate, object numbers)
    {
        ValidateRegistry(account);
        ArgumentNullException.ThrowIfNull(numbers);
        if (dataDate == default)
        {
            throw new ArgumentException("The registry's data date is not set; expected the date of the registry download.", nameof(dataDate));
        }
    }
}
