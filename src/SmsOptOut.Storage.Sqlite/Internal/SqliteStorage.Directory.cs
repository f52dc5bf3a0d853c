using System.Runtime.CompilerServices;
using SmsOptOut.Consent;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage : IAccountDirectory
{
    /// <summary>The accounts table: a row for every account a consent event (or an erasure) was written for, never deleted.</summary>
    public async IAsyncEnumerable<AccountId> GetAccountsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT name FROM accounts;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            yield return new AccountId(name);
        }
    }

    public async Task<bool> ContainsAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not null;
        }
    }
}
