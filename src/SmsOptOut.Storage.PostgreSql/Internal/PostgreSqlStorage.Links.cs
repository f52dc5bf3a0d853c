using NpgsqlTypes;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(tokens);
        if (tokens.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        // One transaction per batch: binary COPY into a temporary table, then one INSERT … ON CONFLICT DO NOTHING.
        return _database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            using (var create = _database.Command(connection, transaction,
                "CREATE TEMP TABLE incoming_tokens (LIKE {schema}.link_tokens INCLUDING DEFAULTS) ON COMMIT DROP;"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var writer = await connection.BeginBinaryImportAsync(
                "COPY incoming_tokens (token, account, list, campaign, number, expires_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var t in tokens)
                {
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(t.Token, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(t.Target.Account.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(t.Target.List.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    if (t.Target.Campaign is { } campaign)
                    {
                        await writer.WriteAsync(campaign.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await writer.WriteAsync((long)t.Target.Number.Value, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(Utc(t.ExpiresAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            using var insert = _database.Command(connection, transaction,
                "INSERT INTO {schema}.link_tokens SELECT * FROM incoming_tokens ON CONFLICT (token) DO NOTHING RETURNING token;");
            var added = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    added.Add(reader.GetString(0));
                }
            }

            return added.Count == tokens.Count ? [] : tokens.Select(t => t.Token).Where(t => !added.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
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
