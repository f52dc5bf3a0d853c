using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;

namespace SmsOptOut.Sending;

/// <summary>
/// The argument checks of <see cref="ISendLedger"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class SendLedgerArguments
{
    /// <summary>The longest window a send limit may count over.</summary>
    public static readonly TimeSpan MaxSendWindow = TimeSpan.FromDays(31);

    /// <summary>Checks the arguments of <see cref="Sending.ISendLedger.TryReserveAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The recipients.</param>
    /// <param name="limits">The counters.</param>
    /// <param name="reserved">The output.</param>
    /// <exception cref="ArgumentException">The account is default, a number empty or repeated, a counter unnamed or repeated, or the output shorter than the batch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit's messages are outside 1 to 1,000 or its window outside (0, <see cref="MaxSendWindow"/>].</exception>
    public static void ValidateReserve(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<Sending.SendLimit> limits, Memory<bool> reserved)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(limits);
        if (reserved.Length < numbers.Length)
        {
            throw new ArgumentException($"The reserved buffer holds {reserved.Length} flags; expected at least {numbers.Length}, one per number.", nameof(reserved));
        }

        if (limits.Count == 0 || (limits.Count > 1 && limits.Select(l => l?.Counter).Distinct(StringComparer.Ordinal).Count() != limits.Count))
        {
            throw new ArgumentException("Expected at least one limit, each counter named once.", nameof(limits));
        }

        foreach (var limit in limits)
        {
            if (string.IsNullOrEmpty(limit?.Counter) || limit.Counter.Length > 300)
            {
                throw new ArgumentException("A limit's counter must be 1 to 300 characters.", nameof(limits));
            }

            if (limit.Messages is < 1 or > 1_000)
            {
                throw new ArgumentOutOfRangeException(nameof(limits), limit.Messages, $"The limit '{limit.Counter}' allows {limit.Messages} messages; expected 1 to 1,000.");
            }

            if (limit.Window <= TimeSpan.Zero || limit.Window > MaxSendWindow)
            {
                throw new ArgumentOutOfRangeException(nameof(limits), limit.Window, $"The limit '{limit.Counter}' counts over {limit.Window}; expected more than zero and at most {MaxSendWindow.TotalDays} days.");
            }
        }

        // A batch of one (a single send) needs no set to be distinct.
        var seen = numbers.Length > 1 ? new HashSet<ulong>(numbers.Length) : null;
        foreach (var number in numbers.Span)
        {
            if (number.IsEmpty || (seen is not null && !seen.Add(number.Value)))
            {
                throw new ArgumentException($"The batch holds {(number.IsEmpty ? "an empty number" : "a number twice")}; expected distinct, non-empty numbers.", nameof(numbers));
            }
        }
    }
}
