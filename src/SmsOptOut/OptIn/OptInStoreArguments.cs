using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;

namespace SmsOptOut.OptIn;

/// <summary>
/// The argument checks of <see cref="IOptInStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class OptInStoreArguments
{
    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.SaveRequestAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="request">The request.</param>
    /// <param name="resendAfter">The resend interval.</param>
    /// <exception cref="ArgumentException">The account is default, the number empty, or the request expires before it was made.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resend interval is negative.</exception>
    public static void ValidateOptInRequest(AccountId account, PhoneNumber number, OptIn.OptInConfirmationRequest request, TimeSpan resendAfter)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Evidence);
        if (request.ExpiresAt <= request.RequestedAt)
        {
            throw new ArgumentException($"The opt-in request expires at {request.ExpiresAt:O}, not after it was made ({request.RequestedAt:O}).", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resendAfter, TimeSpan.Zero);
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.RecordOptInAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="grant">The opt-in.</param>
    /// <exception cref="ArgumentException">The account is default, the number empty, the basis unknown, an express grant expires, or the expiry is not after the grant.</exception>
    public static void ValidateOptInGrant(AccountId account, PhoneNumber number, OptIn.OptInGrant grant)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(grant.Evidence);
        if (!Enum.IsDefined(grant.Basis))
        {
            throw new ArgumentException($"The opt-in's basis {(int)grant.Basis} is not a ConsentBasis; expected Express, Purchase, Inquiry, Membership, ConspicuousPublication or Disclosure.", nameof(grant));
        }

        if (grant.ExpiresAt is { } expires && (grant.Basis == OptIn.ConsentBasis.Express || expires <= grant.At))
        {
            throw new ArgumentException(grant.Basis == OptIn.ConsentBasis.Express
                ? "An express opt-in does not expire; expected ExpiresAt null."
                : $"The opt-in expires at {expires:O}, not after its date {grant.At:O}.", nameof(grant));
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.GetExpiringAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="after">The start of the window.</param>
    /// <param name="until">The end of the window.</param>
    /// <exception cref="ArgumentException">The account is default or the window ends before it starts.</exception>
    public static void ValidateExpiringWindow(AccountId account, DateTimeOffset after, DateTimeOffset until)
    {
        StoreArguments.ValidateAccount(account);
        if (until < after)
        {
            throw new ArgumentException($"The window ends at {until:O}, before it starts ({after:O}).", nameof(until));
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.GetStandingsAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="standings">The output.</param>
    /// <exception cref="ArgumentException">The account is default, a number empty, or the output shorter than the batch.</exception>
    public static void ValidateStandings(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptIn.OptInStanding> standings)
    {
        ValidateBatch(account, numbers);
        if (standings.Length < numbers.Length)
        {
            throw new ArgumentException($"The standings buffer holds {standings.Length} entries; expected at least {numbers.Length}, one per number.", nameof(standings));
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.RevokeManyAsync"/> (and the batch of <see cref="OptIn.IOptInStore.GetStandingsAsync"/>).</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <exception cref="ArgumentException">The account is default or a number empty.</exception>
    public static void ValidateBatch(AccountId account, ReadOnlyMemory<PhoneNumber> numbers)
    {
        StoreArguments.ValidateAccount(account);
        foreach (var number in numbers.Span)
        {
            if (number.IsEmpty)
            {
                throw new ArgumentException("The batch holds an empty number; expected parsed, non-empty PhoneNumbers.", nameof(numbers));
            }
        }
    }
}
