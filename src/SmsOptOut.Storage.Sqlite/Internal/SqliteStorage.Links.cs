using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        LinkTokenStoreArguments.Validate(tokens);
        if (tokens.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        // One transaction per batch, one prepared statement reused for every row.
        return _database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            using var insert = SqliteDatabase.Command(connection, transaction, """
                INSERT OR IGNORE INTO link_tokens (token, account, list, campaign, number, expires_at)
                VALUES ($token, $account, $list, $campaign, $number, $expires);
                """);
            var token = insert.Parameters.Add("$token", Microsoft.Data.Sqlite.SqliteType.Text);
            var account = insert.Parameters.Add("$account", Microsoft.Data.Sqlite.SqliteType.Text);
            var list = insert.Parameters.Add("$list", Microsoft.Data.Sqlite.SqliteType.Text);
            var campaign = insert.Parameters.Add("$campaign", Microsoft.Data.Sqlite.SqliteType.Text);
            var number = insert.Parameters.Add("$number", Microsoft.Data.Sqlite.SqliteType.Integer);
            var expires = insert.Parameters.Add("$expires", Microsoft.Data.Sqlite.SqliteType.Integer);
            insert.Prepare();
            List<string>? taken = null;
            foreach (var t in tokens)
            {
                token.Value = t.Token;
                account.Value = t.Target.Account.Value;
                list.Value = t.Target.List.Value;
                campaign.Value = Nullable(t.Target.Campaign?.Value);
                number.Value = (long)t.Target.Number.Value;
                expires.Value = Ticks(t.ExpiresAt);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    (taken ??= []).Add(t.Token);
                }
            }

            return taken ?? (IReadOnlyList<string>)[];
        }, cancellationToken);
    }

    public async Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT account, list, campaign, number, expires_at FROM link_tokens WHERE token = $token AND expires_at > $now;");
            command.Parameters.AddWithValue("$token", token);
            command.Parameters.AddWithValue("$now", Ticks(now));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var target = new OptOutLinkTarget(new AccountId(reader.GetString(0)), new ListId(reader.GetString(1)),
                PhoneNumber.FromValue((ulong)reader.GetInt64(3)), StoredValues.Campaign(Text(reader, 2)));
            return new StoredLinkToken(token, target, Instant(reader.GetInt64(4)));
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM link_tokens WHERE expires_at <= $now;");
            command.Parameters.AddWithValue("$now", Ticks(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
