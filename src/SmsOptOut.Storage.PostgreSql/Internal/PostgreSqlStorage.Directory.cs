using System.Runtime.CompilerServices;
using SmsOptOut.Consent;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage : IAccountDirectory
{
    /// <summary>
    /// The accounts of the consent log, read as a skip scan of its (account, …) index — one index probe per account, not
    /// a pass over every event — and those whose erasures left no event (the erasures' audit trail).
    /// </summary>
    public async IAsyncEnumerable<AccountId> GetAccountsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                WITH RECURSIVE a (account) AS (
                    (SELECT account FROM {schema}.consent_events ORDER BY account LIMIT 1)
                    UNION ALL
                    SELECT (SELECT e.account FROM {schema}.consent_events AS e WHERE e.account > a.account ORDER BY e.account LIMIT 1) FROM a WHERE a.account IS NOT NULL
                )
                SELECT account FROM a WHERE account IS NOT NULL
                UNION SELECT DISTINCT account FROM {schema}.erasures;
                """);
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
            using var command = _database.Command(connection, null,
                "SELECT EXISTS (SELECT 1 FROM {schema}.consent_events WHERE account = $1) OR EXISTS (SELECT 1 FROM {schema}.erasures WHERE account = $1);");
            Add(command, account.Value);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
