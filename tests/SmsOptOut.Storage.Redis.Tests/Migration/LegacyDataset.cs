using System.Text.Json;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// A store in key layout 2 (every key under the one hash tag <c>{prefix}</c>), as the Redis adapter before per-account
/// hash tags wrote it: <c>legacy-layout-2.json</c> holds every key it left after <see cref="LegacyLayoutExpectations"/>'s
/// scenario, exported with the prefix replaced by <c>PREFIX</c> (written by that version, commit 55d0b9a).
/// </summary>
internal static class LegacyDataset
{
    /// <summary>Writes the dataset under <paramref name="prefix"/>; as layout 1 (before the per-number indexes and the account list) when asked.</summary>
    public static async Task LoadAsync(IDatabase database, string prefix, bool asLayout1 = false)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migration", "legacy-layout-2.json")));
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var key = Text(row.GetProperty("key"), prefix);
            if (asLayout1 && (key.EndsWith(":layout", StringComparison.Ordinal) || key.EndsWith(":accts", StringComparison.Ordinal)
                || key.Contains(":evn:", StringComparison.Ordinal) || key.Contains(":msgn:", StringComparison.Ordinal) || key.Contains(":tokn:", StringComparison.Ordinal)))
            {
                continue;
            }

            var value = row.GetProperty("value");
            switch (row.GetProperty("type").GetString())
            {
                case "string":
                    await database.StringSetAsync(key, Text(value, prefix));
                    break;
                case "hash":
                    await database.HashSetAsync(key, [.. value.EnumerateArray().Select(p => new HashEntry(Text(p[0], prefix), Text(p[1], prefix)))]);
                    break;
                case "set":
                    await database.SetAddAsync(key, [.. value.EnumerateArray().Select(m => (RedisValue)Text(m, prefix))]);
                    break;
                case "sortedset":
                    await database.SortedSetAddAsync(key, [.. value.EnumerateArray().Select(p => new SortedSetEntry(Text(p[0], prefix), p[1].GetDouble()))]);
                    break;
                case "list":
                    await database.ListRightPushAsync(key, [.. value.EnumerateArray().Select(m => (RedisValue)Text(m, prefix))]);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown key type in the legacy dataset: {row}");
            }
        }
    }

    private static string Text(JsonElement element, string prefix) => element.GetString()!.Replace("PREFIX", prefix, StringComparison.Ordinal);
}
