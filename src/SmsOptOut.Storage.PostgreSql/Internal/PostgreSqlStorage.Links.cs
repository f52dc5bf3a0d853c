using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        LinkTokenStoreArguments.Validate(tokens);
        if (tokens.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        // One statement per batch (one round trip, no temporary table): the rows travel as six arrays, unnest turns them
        // back into rows, and RETURNING names the tokens that went in; the others were taken.
        var token = new string[tokens.Count];
        var account = new string[tokens.Count];
        var list = new string[tokens.Count];
        var campaign = new string?[tokens.Count];
        var number = new long[tokens.Count];
        var expiresAt = new DateTimeOffset[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            (token[i], account[i], list[i], campaign[i]) = (t.Token, t.Target.Account.Value, t.Target.List.Value, t.Target.Campaign?.Value);
            (number[i], expiresAt[i]) = ((long)t.Target.Number.Value, Utc(t.ExpiresAt));
        }

        return _database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            using var insert = _database.Command(connection, transaction, """
                INSERT INTO {schema}.link_tokens (token, account, list, campaign, number, expires_at)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[])
                ON CONFLICT (token) DO NOTHING RETURNING token;
                """);
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = token });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = account });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = list });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = campaign });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = number });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = expiresAt });
            var added = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    added.Add(reader.GetString(0));
                }
            }

            return added.Count == tokens.Count ? [] : token.Where(t => !added.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    public async Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT account, list, campaign, number, expires_at FROM {schema}.link_tokens WHERE token = $1 AND expires_at > $2;");
            Add(command, token);
            Add(command, Utc(now));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var target = new OptOutLinkTarget(new AccountId(reader.GetString(0)), new ListId(reader.GetString(1)),
                PhoneNumber.FromValue((ulong)reader.GetInt64(3)), StoredValues.Campaign(Text(reader, 2)));
            return new StoredLinkToken(token, target, reader.GetFieldValue<DateTimeOffset>(4));
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.link_tokens WHERE expires_at <= $1;");
            Add(command, Utc(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
