using System.Text;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// The dashboard's list of suppressed numbers (migration 14's indexes): one statement per page, the filter's conditions
/// and the cursor as a row-value comparison, read backwards along the index that fits the filter — the primary index for
/// a number, by source when the source is fixed, by list when the list (or the account-wide scope) is, else by since.
/// </summary>
internal sealed partial class SqliteStorage : ISuppressionListing
{
    public async Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit,
        CancellationToken cancellationToken = default)
    {
        SuppressionListingArguments.ValidateListing(account, filter, after, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return [];
            }

            using var command = ListCommand(connection, accountId, filter, after, limit);
            var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(ReadSuppression(reader));
            }

            return page;
        }
    }

    /// <summary>The page's statement with its parameters.</summary>
    private static SqliteCommand ListCommand(SqliteConnection connection, long accountId, SuppressionFilter filter, SuppressionListCursor after, int limit)
    {
        var command = SqliteDatabase.Command(connection, null, ListingSql(filter, after));
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$number", (long)(filter.Number?.Value ?? 0));
        command.Parameters.AddWithValue("$source", (int)(filter.Source ?? 0));
        command.Parameters.AddWithValue("$list", FixedList(filter) ?? string.Empty);
        command.Parameters.AddWithValue("$from", filter.SinceFrom is { } from ? Ticks(from) : 0L);
        command.Parameters.AddWithValue("$before", filter.SinceBefore is { } before ? Ticks(before) : 0L);
        command.Parameters.AddWithValue("$since", after.IsStart ? 0L : Ticks(after.Since));
        command.Parameters.AddWithValue("$after", after.IsStart ? 0L : (long)after.Number.Value);
        command.Parameters.AddWithValue("$afterList", after.ListKey ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        return command;
    }

    /// <summary>
    /// The statement for a filter and cursor. With the list fixed (a list, or the account-wide scope's empty key), every
    /// row has that key, so the cursor compares (since, number) alone — with <c>&lt;=</c> when the fixed key sorts before
    /// the cursor's (descending, the row comes after it) — and the list index serves the order.
    /// </summary>
    internal static string ListingSql(SuppressionFilter filter, SuppressionListCursor after)
    {
        var fixedList = FixedList(filter);
        // The index is named, so the plan does not depend on the planner's guesses (there are no statistics): a number
        // has a few rows, read from the primary index and sorted; a source's rows are in the source index by since, with
        // the list key beside them to check; a list's (or the account-wide scope's) in the list index; the rest by since.
        var index = filter.Number is not null ? "ux_suppressions" : filter.Source is not null ? "ix_suppressions_source"
            : fixedList is not null ? "ix_suppressions_list" : "ix_suppressions_since";
        var sql = new StringBuilder("SELECT number, list_key, since, source, event_id, paused_until FROM suppressions INDEXED BY ").Append(index).Append(" WHERE account_id = $account");
        if (filter.Number is not null)
        {
            sql.Append(" AND number = $number");
        }

        if (filter.Source is not null)
        {
            sql.Append(" AND source = $source");
        }

        if (fixedList is not null)
        {
            sql.Append(" AND list_key = $list");
        }
        else if (filter.Scope == SuppressionScope.List)
        {
            sql.Append(" AND list_key <> ''");
        }

        if (filter.SinceFrom is not null)
        {
            sql.Append(" AND since >= $from");
        }

        // The cursor bounds the range from above; so does the range's end. Only the tighter one is written: SQLite
        // starts the backward search at only one of them, and checking the other on every row read would make a deep
        // page cost as much as the pages before it.
        var cursorBounds = !after.IsStart && (filter.SinceBefore is not { } before || after.Since < before);
        if (filter.SinceBefore is not null && !cursorBounds)
        {
            sql.Append(" AND since < $before");
        }

        if (cursorBounds)
        {
            sql.Append(fixedList is null ? " AND (since, number, list_key) < ($since, $after, $afterList)"
                : SuppressionCursor.CompareListKeys(fixedList, after.ListKey) < 0 ? " AND (since, number) <= ($since, $after)"
                : " AND (since, number) < ($since, $after)");
        }

        return sql.Append(" ORDER BY since DESC, number DESC, list_key DESC LIMIT $limit;").ToString();
    }

    /// <summary>The one list key every listed row has: the list's, <c>''</c> for the account-wide scope, or none.</summary>
    private static string? FixedList(SuppressionFilter filter) =>
        filter.List is { } list ? list.Value : filter.Scope == SuppressionScope.Account ? string.Empty : null;
}
