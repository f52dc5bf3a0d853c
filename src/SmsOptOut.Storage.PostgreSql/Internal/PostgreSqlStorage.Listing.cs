using System.Globalization;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// The dashboard's list of suppressed numbers (migration 14's indexes): one statement per page, the filter's conditions
/// and the cursor as a row comparison, which PostgreSQL reads as a backward range of the index that fits — the primary
/// key for a number, by source when the source is fixed, by list when the list (or the account-wide scope) is, else by since.
/// </summary>
internal sealed partial class PostgreSqlStorage : ISuppressionListing
{
    public async Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit,
        CancellationToken cancellationToken = default)
    {
        SuppressionListingArguments.ValidateListing(account, filter, after, limit);
        var (sql, values) = ListingSql(account, filter, after, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, sql);
            foreach (var value in values)
            {
                if (value is string text)
                {
                    Add(command, text);
                }
                else
                {
                    Add(command, value);
                }
            }

            var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(ReadSuppression(reader));
            }

            return page;
        }
    }

    /// <summary>
    /// The statement and its values. With the list fixed (a list, or the account-wide scope's empty key) every row has
    /// that key, so the cursor compares (since, number) alone — with <c>&lt;=</c> when the fixed key sorts before the
    /// cursor's — which the list index serves. Of the cursor and the range's end only the tighter bound is written, so
    /// the backward scan starts there.
    /// </summary>
    internal static (string Sql, List<object> Values) ListingSql(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit)
    {
        var values = new List<object> { account.Value };
        string Next(object value)
        {
            values.Add(value);
            return "$" + values.Count.ToString(CultureInfo.InvariantCulture);
        }

        var fixedList = filter.List is { } list ? list.Value : filter.Scope == SuppressionScope.Account ? string.Empty : null;
        var sql = new StringBuilder("SELECT number, list_key, since, source, event_id, paused_until FROM {schema}.suppressions WHERE account = $1");
        if (filter.Number is { } number)
        {
            sql.Append(" AND number = ").Append(Next((long)number.Value));
        }

        if (filter.Source is { } source)
        {
            sql.Append(" AND source = ").Append(Next((short)source));
        }

        if (fixedList is not null)
        {
            sql.Append(" AND list_key = ").Append(Next(fixedList)).Append(" COLLATE \"C\"");
        }
        else if (filter.Scope == SuppressionScope.List)
        {
            sql.Append(" AND list_key <> ''");
        }

        if (filter.SinceFrom is { } from)
        {
            sql.Append(" AND since >= ").Append(Next(Utc(from)));
        }

        var cursorBounds = !after.IsStart && (filter.SinceBefore is not { } end || after.Since < end);
        if (filter.SinceBefore is { } before && !cursorBounds)
        {
            sql.Append(" AND since < ").Append(Next(Utc(before)));
        }

        if (cursorBounds)
        {
            var since = Next(Utc(after.Since));
            var cursorNumber = Next((long)after.Number.Value);
            sql.Append(fixedList is null ? $" AND (since, number, list_key) < ({since}, {cursorNumber}, {Next(after.ListKey)} COLLATE \"C\")"
                : SuppressionCursor.CompareListKeys(fixedList, after.ListKey) < 0 ? $" AND (since, number) <= ({since}, {cursorNumber})"
                : $" AND (since, number) < ({since}, {cursorNumber})");
        }

        sql.Append(" ORDER BY since DESC, number DESC, list_key DESC LIMIT ").Append(Next(limit)).Append(';');
        return (sql.ToString(), values);
    }
}
