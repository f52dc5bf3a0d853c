using System.Runtime.CompilerServices;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>Data-subject requests: one row each in <c>subject_requests</c>, changed by single conditional statements (row locks make concurrent ones wait and re-check).</summary>
internal sealed partial class PostgreSqlStorage
{
    private const string RequestColumns = "reference, kind, law, account, received_at, due_at, extended_due_at, extension_reason, closed_at, resolution";

    public Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequest(request);
        return ChangeRequestAsync("""
            INSERT INTO {schema}.subject_requests (reference, kind, law, account, received_at, due_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (reference) DO NOTHING;
            """, cancellationToken, request.Reference, (short)request.Kind, (short)request.Law, request.Account?.Value, request.ReceivedAt.ToUniversalTime(), request.DueAt.ToUniversalTime());
    }

    public async Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestReference(reference);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"SELECT {RequestColumns} FROM {{schema}}.subject_requests WHERE reference = $1;");
            Add(command, reference);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRequest(reader) : null;
        }
    }

    public Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, reason);
        return ChangeRequestAsync("""
            UPDATE {schema}.subject_requests SET extended_due_at = $2, extension_reason = $3 WHERE reference = $1 AND closed_at IS NULL AND extended_due_at IS NULL;
            """, cancellationToken, reference, extendedDueAt.ToUniversalTime(), reason);
    }

    public Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, resolution);
        return ChangeRequestAsync("UPDATE {schema}.subject_requests SET closed_at = $2, resolution = $3 WHERE reference = $1 AND closed_at IS NULL;",
            cancellationToken, reference, closedAt.ToUniversalTime(), resolution);
    }

    public async IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                $"SELECT {RequestColumns} FROM {{schema}}.subject_requests WHERE closed_at IS NULL ORDER BY COALESCE(extended_due_at, due_at), reference;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadRequest(reader);
            }
        }
    }

    /// <summary>Runs one statement on the request table; whether it changed a row.</summary>
    private Task<bool> ChangeRequestAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, sql);
            foreach (var value in values)
            {
                if (value is string or null)
                {
                    Add(command, (string?)value);
                }
                else
                {
                    Add(command, value);
                }
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    private static DataSubjectRequestRecord ReadRequest(NpgsqlDataReader reader) =>
        new(reader.GetString(0), (DataSubjectRequestKind)reader.GetInt16(1), (DataProtectionLaw)reader.GetInt16(2),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5))
        {
            Account = reader.IsDBNull(3) ? null : new AccountId(reader.GetString(3)),
            ExtendedDueAt = Instant(reader, 6),
            ExtensionReason = reader.IsDBNull(7) ? null : reader.GetString(7),
            ClosedAt = Instant(reader, 8),
            Resolution = reader.IsDBNull(9) ? null : reader.GetString(9),
        };
}
