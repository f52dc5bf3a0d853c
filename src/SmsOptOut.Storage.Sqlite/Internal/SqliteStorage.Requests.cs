using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Data-subject requests: one row each in <c>subject_requests</c>, changed by single conditional statements.</summary>
internal sealed partial class SqliteStorage
{
    private const string RequestColumns = "reference, kind, law, account, received_at, due_at, extended_due_at, extension_reason, closed_at, resolution";

    public Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequest(request);
        return _database.WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction, """
            INSERT INTO subject_requests (reference, kind, law, account, received_at, due_at) VALUES ($reference, $kind, $law, $account, $received, $due)
            ON CONFLICT (reference) DO NOTHING;
            """, cancellationToken, ("$reference", request.Reference), ("$kind", (int)request.Kind), ("$law", (int)request.Law), ("$account", Nullable(request.Account?.Value)),
            ("$received", Ticks(request.ReceivedAt)), ("$due", Ticks(request.DueAt))).ConfigureAwait(false) == 1, cancellationToken);
    }

    public async Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestReference(reference);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"SELECT {RequestColumns} FROM subject_requests WHERE reference = $reference;");
            command.Parameters.AddWithValue("$reference", reference);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRequest(reader) : null;
        }
    }

    public Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, reason);
        return _database.WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction, """
            UPDATE subject_requests SET extended_due_at = $until, extension_reason = $reason
            WHERE reference = $reference AND closed_at IS NULL AND extended_due_at IS NULL;
            """, cancellationToken, ("$reference", reference), ("$until", Ticks(extendedDueAt)), ("$reason", reason)).ConfigureAwait(false) == 1, cancellationToken);
    }

    public Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, resolution);
        return _database.WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction, """
            UPDATE subject_requests SET closed_at = $at, resolution = $resolution WHERE reference = $reference AND closed_at IS NULL;
            """, cancellationToken, ("$reference", reference), ("$at", Ticks(closedAt)), ("$resolution", resolution)).ConfigureAwait(false) == 1, cancellationToken);
    }

    public async IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                $"SELECT {RequestColumns} FROM subject_requests WHERE closed_at IS NULL ORDER BY COALESCE(extended_due_at, due_at), reference;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadRequest(reader);
            }
        }
    }

    private static DataSubjectRequestRecord ReadRequest(SqliteDataReader reader) =>
        new(reader.GetString(0), (DataSubjectRequestKind)reader.GetInt32(1), (DataProtectionLaw)reader.GetInt32(2), Instant(reader.GetInt64(4)), Instant(reader.GetInt64(5)))
        {
            Account = Text(reader, 3) is { } account ? new AccountId(account) : null,
            ExtendedDueAt = Instant(reader, 6),
            ExtensionReason = Text(reader, 7),
            ClosedAt = Instant(reader, 8),
            Resolution = Text(reader, 9),
        };
}
