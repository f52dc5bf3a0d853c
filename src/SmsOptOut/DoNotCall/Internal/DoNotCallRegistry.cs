using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.DoNotCall.Internal;

/// <summary>Imports registry data through the storage's <see cref="IDoNotCallRegistryStore"/>.</summary>
internal sealed class DoNotCallRegistry(TimeProvider time, IDoNotCallRegistryStore? store = null) : IDoNotCallRegistry
{
    public async Task<DoNotCallImportResult> ImportAsync(Stream data, DoNotCallImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(import);
        ValidateScope(import.Account);
        if (import.DataDate == default)
        {
            throw new ArgumentException("DoNotCallImport.DataDate is not set; expected the date of the registry download.", nameof(import));
        }

        if (import.DataDate > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
        {
            throw new ArgumentException($"DoNotCallImport.DataDate {import.DataDate:yyyy-MM-dd} lies in the future; expected the date of the registry download.", nameof(import));
        }

        var reader = new DoNotCallFileReader(import);
        var registry = await Store.ReplaceAsync(import.Account, import.DataDate, time.GetUtcNow(), reader.ReadAsync(data, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return new DoNotCallImportResult(registry, reader.Read, reader.Refused, reader.Errors);
    }

    public Task<DoNotCallRegistryInfo?> GetAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        ValidateScope(account);
        return Store.GetAsync(account, cancellationToken);
    }

    public Task<bool> RemoveAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        ValidateScope(account);
        return Store.RemoveAsync(account, cancellationToken);
    }

    private IDoNotCallRegistryStore Store => store ?? throw new NotSupportedException(
        "The storage in use registers no IDoNotCallRegistryStore, so it cannot hold Do-Not-Call registry data. "
        + "UseSqlite, UsePostgreSql, UseRedis and UseInMemory can; a custom adapter implements IDoNotCallRegistryStore and passes the conformance suite.");

    private static void ValidateScope(AccountId? account)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }
    }
}
