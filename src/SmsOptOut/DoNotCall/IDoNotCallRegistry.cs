using SmsOptOut.Consent;

namespace SmsOptOut.DoNotCall;

/// <summary>
/// Do-Not-Call registry data as a suppression source: imports of the National Do-Not-Call Registry's downloads (or
/// any plain list of numbers) into a set per account or for every account, which list sends to marketing lists
/// consult beside opt-outs. See docs/compliance.md.
/// </summary>
public interface IDoNotCallRegistry
{
    /// <summary>
    /// Replaces a registry set with the numbers in <paramref name="data"/>, in one atomic step: list sends see the old
    /// set or the new one, never a mix, and an import that fails leaves the old set in place. Reads the registry's flat
    /// file (<c>201,5550123</c> per line: area code, number), ten-digit numbers, and numbers in any format (E.164,
    /// national in <see cref="DoNotCallImport.DefaultRegion"/>); blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    /// <param name="data">The file, read once to the end.</param>
    /// <param name="import">The set to replace and the date of the data.</param>
    /// <param name="cancellationToken">Cancels the import; the old set stays.</param>
    /// <returns>The set now in use and the lines refused.</returns>
    /// <exception cref="FormatException">Under <see cref="DoNotCallImport.Strict"/>, a line is not a phone number; the message names the line. Nothing was replaced.</exception>
    /// <exception cref="NotSupportedException">The storage has no Do-Not-Call registry.</exception>
    Task<DoNotCallImportResult> ImportAsync(Stream data, DoNotCallImport import, CancellationToken cancellationToken = default);

    /// <summary>The set in use for <paramref name="account"/> (<see langword="null"/>: the set for every account), or <see langword="null"/> when none was imported.</summary>
    /// <param name="account">The account, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The set, or <see langword="null"/>.</returns>
    Task<DoNotCallRegistryInfo?> GetAsync(AccountId? account, CancellationToken cancellationToken = default);

    /// <summary>Removes a set; list sends stop consulting it at once.</summary>
    /// <param name="account">The account, or <see langword="null"/> for the set of every account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether there was a set.</returns>
    Task<bool> RemoveAsync(AccountId? account, CancellationToken cancellationToken = default);
}
