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

            // The leaves key layout 6 added for the events recorded before the log are left out (their salts are new
            // each run): ReadBackfilledAsync names them. So is the record key layout 9 adds to list the erased leaves (its
            // time is the move's), which the migration tests check by themselves.
            var entries = await log.ReadLogAsync(account, 0, 1_000);
            var size = await log.GetLogSizeAsync(account);
            var moved = entries.Where(e => e.BackfilledAt is not null || e.Erasure?.RequestId == "smsoptout-upgrade").ToList();
            text.Append("log size ").Append(size - moved.Count).AppendLine();
            foreach (var entry in entries.Except(moved))
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

    /// <summary>
    /// The events key layout 6 added to each account's log, in log order, as "account index event-id" lines; each added
    /// leaf is checked to be its stored event's under its salt, and to be found by its id.
    /// </summary>
    public static async Task<string[]> ReadBackfilledAsync(TestStore store, IEnumerable<AccountId> accounts)
    {
        var log = (IConsentLogStore)store.Suppression;
        var lines = new List<string>();
        foreach (var account in accounts)
        {
            foreach (var entry in (await log.ReadLogAsync(account, 0, 1_000)).Where(e => e.BackfilledAt is not null))
            {
                ConsentLogLeaf.Hash(entry.Event!, entry.Salt!).Should().Equal(entry.LeafHash, $"the leaf added for {entry.EventId} is its event's");
                (await log.FindLogEntryAsync(account, entry.EventId!))!.Index.Should().Be(entry.Index);
                lines.Add($"{account.Value} {entry.Index} {entry.EventId}");
            }
        }

        return [.. lines];
    }

    /// <summary>
    /// What a readback's events recorded before the log are, in the order they were recorded (as the events by time list
    /// them): the ids of its "event" lines without a "leaf" line, per account, as "account event-id".
    /// </summary>
    public static string[] PreLogEvents(string readback)
    {
        var lines = new List<string>();
        foreach (var section in readback.Split("# account ", StringSplitOptions.RemoveEmptyEntries))
        {
            var account = section[..section.IndexOf('\n', StringComparison.Ordinal)];
            var rows = section.Split('\n');
            var logged = rows.Where(r => r.StartsWith("leaf ", StringComparison.Ordinal)).Select(r => r.Split(' ')[3]).ToHashSet(StringComparer.Ordinal);
            lines.AddRange(rows.Where(r => r.StartsWith("event ", StringComparison.Ordinal))
                .Select(r => JsonDocument.Parse(r["event ".Length..]).RootElement.GetProperty("EventId").GetString()!)
                .Where(id => !logged.Contains(id)).Select(id => $"{account} {id}"));
        }

        return [.. lines];
    }

    private static string Event(ConsentEvent e) => JsonSerializer.Serialize(e);
}
