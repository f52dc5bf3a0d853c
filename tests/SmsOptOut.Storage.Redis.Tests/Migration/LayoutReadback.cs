using System.Text;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Everything a store answers about its consent data, read through the storage contracts as one canonical text: per
/// account its suppressions, each number's history and suppressions, the events by recording time, and the whole
/// consent log (leaves, event ids, events and salts). Two stores that answer the same produce the same text, so a
/// store read before and after a layout move can be compared whole.
/// </summary>
internal static class LayoutReadback
{
    public static async Task<string> ReadAsync(TestStore store, IEnumerable<AccountId> accounts, IEnumerable<PhoneNumber> numbers)
    {
        var text = new StringBuilder();
        var log = (IConsentLogStore)store.Suppression;
        foreach (var account in accounts)
        {
            text.Append("# account ").AppendLine(account.Value);
            var after = default(SuppressionCursor);
            while (true)
            {
                var page = await store.Suppression.GetSuppressedAsync(account, after, 100);
                foreach (var s in page)
                {
                    text.Append("suppressed ").AppendLine(JsonSerializer.Serialize(s));
                }

                if (page.Count < 100)
                {
                    break;
                }

                after = new SuppressionCursor(page[^1].Number, page[^1].List?.Value ?? string.Empty);
            }

            foreach (var number in numbers)
            {
                foreach (var e in await store.HistoryAsync(account, number))
                {
                    text.Append("history ").Append(number.Value).Append(' ').AppendLine(Event(e));
                }

                foreach (var s in await store.DataSubjects.GetSuppressionsAsync(account, number))
                {
                    text.Append("suppression ").AppendLine(JsonSerializer.Serialize(s));
                }
            }

            await foreach (var e in store.Suppression.GetEventsAsync(account, DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            {
                text.Append("event ").AppendLine(Event(e));
            }

            var size = await log.GetLogSizeAsync(account);
            text.Append("log size ").Append(size).AppendLine();
            foreach (var entry in await log.ReadLogAsync(account, 0, 1_000))
            {
                text.Append("leaf ").Append(entry.Index).Append(' ').Append(Convert.ToHexString(entry.LeafHash)).Append(' ').Append(entry.EventId ?? "-").Append(' ')
                    .Append(entry.Salt is { } salt ? Convert.ToHexString(salt) : "-").Append(' ').AppendLine(entry.Event is { } e ? Event(e) : "-");
                if (entry.EventId is { } id)
                {
                    var found = await log.FindLogEntryAsync(account, id);
                    text.Append("find ").Append(id).Append(' ').AppendLine(found is null ? "-" : found.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return text.ToString();
    }

    private static string Event(ConsentEvent e) => JsonSerializer.Serialize(e);
}
