using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.DoNotCall;

/// <summary>
/// For storage adapter authors: Do-Not-Call registry sets, one per account and one for every account. Optional: an
/// adapter that implements it is registered as it by <c>AddSmsOptOutStorage</c>, and the conformance suite's
/// <c>DoNotCallRegistryStoreTests</c> prove it.
/// </summary>
public interface IDoNotCallRegistryStore
{
    /// <summary>
    /// Replaces the set of <paramref name="account"/> with <paramref name="numbers"/> atomically: readers see the old
    /// set until the new one is complete, and when enumerating <paramref name="numbers"/> throws or is cancelled the
    /// old set stays and nothing of the new one remains. Repeated numbers are stored once.
    /// </summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="dataDate">The date of the data.</param>
    /// <param name="importedAt">When the import started.</param>
    /// <param name="numbers">The numbers, in batches.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns>The new set.</returns>
    Task<DoNotCallRegistryInfo> ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt, IAsyncEnumerable<PhoneNumber[]> numbers,
        CancellationToken cancellationToken = default);

    /// <summary>The set of <paramref name="account"/>, or <see langword="null"/> when none is stored.</summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The set, or <see langword="null"/>.</returns>
    Task<DoNotCallRegistryInfo?> GetAsync(AccountId? account, CancellationToken cancellationToken = default);

    /// <summary>Removes the set of <paramref name="account"/>.</summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether there was a set.</returns>
    Task<bool> RemoveAsync(AccountId? account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks in <paramref name="listed"/> each of <paramref name="numbers"/> that is in the set of
    /// <paramref name="account"/> or in the set of every account. Each number is checked against one whole set: the
    /// one before a concurrent replacement or the one after it, never a set half imported.
    /// </summary>
    /// <param name="account">The sending account.</param>
    /// <param name="numbers">The numbers.</param>
    /// <param name="listed">At least as long as <paramref name="numbers"/>; each entry is set to whether the number at its index is listed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many numbers are listed.</returns>
    Task<int> FilterAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken = default);
}
