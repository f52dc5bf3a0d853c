using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    // Committed account ids only: an id is cached after it was read back, never when it is inserted in a transaction
    // that might still roll back.
    private readonly ConcurrentDictionary<string, long> _accountIds = new(StringComparer.Ordinal);

    /// <summary>The id of an account for reads; <see langword="null"/> when the account has never been written (so nothing is suppressed).</summary>
    private Task<long?> FindAccountIdAsync(SqliteConnection connection, AccountId account, CancellationToken cancellationToken) =>
        FindAccountIdAsync(connection, null, account, cancellationToken);

    /// <summary>The id of an account, read inside <paramref name="transaction"/> when one is open.</summary>
    private async Task<long?> FindAccountIdAsync(SqliteConnection connection, SqliteTransaction? transaction, AccountId account, CancellationToken cancellationToken)
    {
        if (_accountIds.TryGetValue(account.Value, out var cached))
        {
            return cached;
        }

        using var command = SqliteDatabase.Command(connection, transaction, "SELECT id FROM accounts WHERE name = $name;");
        command.Parameters.AddWithValue("$name", account.Value);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id)
        {
            _accountIds[account.Value] = id;
            return id;
        }

        return null;
    }

    /// <summary>The id of an account inside a write transaction, created when new.</summary>
    private static async Task<long> EnsureAccountIdAsync(SqliteStatements statements, AccountId account, CancellationToken cancellationToken)
    {
        var command = statements.Get("""
            INSERT INTO accounts (name) VALUES ($name) ON CONFLICT (name) DO NOTHING;
            SELECT id FROM accounts WHERE name = $name;
            """);
        command.Parameters.AddWithValue("$name", account.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
