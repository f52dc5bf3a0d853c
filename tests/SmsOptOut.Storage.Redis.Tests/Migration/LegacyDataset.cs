using System.Text.Json;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// A store in key layout 2 (every key under the one hash tag <c>{prefix}</c>), as the Redis adapter before per-account
/// hash tags wrote it: <c>legacy-layout-2.json</c> holds every key it left after <see cref="LegacyLayoutExpectations"/>'s
/// scenario, exported with the prefix replaced by <c>PREFIX</c> (written by that version, commit 55d0b9a). And a store in
/// key layout 3 (each event kept twice, in the account's log and the number's history, with their indexes):
/// <c>legacy-layout-3.json</c> holds every key of the layout-2 dataset moved to layout 3 with <see cref="Layout3Scenario"/>
/// written over it, and <c>legacy-layout-3.readback.txt</c> what that store answered (<see cref="LayoutReadback"/>), both
/// written by that version (commit 662bb38). Binary values (the log's leaves) are <c>{"b64": …}</c>.
/// </summary>
internal static class LegacyDataset
{
    /// <summary>Writes the dataset under <paramref name="prefix"/>; as layout 1 (before the per-number indexes and the account list) when asked.</summary>
    public static async Task LoadAsync(IDatabase database, string prefix, bool asLayout1 = false) =>
        await LoadAsync(database, prefix, "legacy-layout-2.json", key => !asLayout1 || !(key.EndsWith(":layout", StringComparison.Ordinal) || key.EndsWith(":accts", StringComparison.Ordinal)
            || key.Contains(":evn:", StringComparison.Ordinal) || key.Contains(":msgn:", StringComparison.Ordinal) || key.Contains(":tokn:", StringComparison.Ordinal)));

    /// <summary>Writes the layout-3 dataset under <paramref name="prefix"/>, or only the keys <paramref name="only"/> takes.</summary>
    public static Task LoadLayout3Async(IDatabase database, string prefix, Func<string, bool>? only = null) => LoadAsync(database, prefix, "legacy-layout-3.json", only ?? (_ => true));

    /// <summary>
    /// Writes the layout-4 dataset under <paramref name="prefix"/>: the layout-3 dataset moved by that version (commit
    /// 98cb824), every key it left (<c>legacy-layout-4.json</c>); it answers as the layout-3 store did.
    /// </summary>
    public static Task LoadLayout4Async(IDatabase database, string prefix) => LoadAsync(database, prefix, "legacy-layout-4.json", _ => true);

    /// <summary>What the layout-3 store answered before it moved.</summary>
    public static Task<string> Layout3ReadbackAsync() => File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migration", "legacy-layout-3.readback.txt"));

    private static async Task LoadAsync(IDatabase database, string prefix, string file, Func<string, bool> only)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migration", file)));
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var key = Text(row.GetProperty("key"), prefix);
            if (!only(key))
            {
                continue;
            }

            var value = row.GetProperty("value");
            switch (row.GetProperty("type").GetString())
            {
                case "string":
                    await database.StringSetAsync(key, Value(value, prefix));
                    break;
                case "hash":
                    await database.HashSetAsync(key, [.. value.EnumerateArray().Select(p => new HashEntry(Value(p[0], prefix), Value(p[1], prefix)))]);
                    break;
                case "set":
                    await database.SetAddAsync(key, [.. value.EnumerateArray().Select(m => Value(m, prefix))]);
                    break;
                case "sortedset":
                    await database.SortedSetAddAsync(key, [.. value.EnumerateArray().Select(p => new SortedSetEntry(Value(p[0], prefix), p[1].GetDouble()))]);
                    break;
                case "list":
                    await database.ListRightPushAsync(key, [.. value.EnumerateArray().Select(m => Value(m, prefix))]);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown key type in the legacy dataset: {row}");
            }
        }
    }

    private static RedisValue Value(JsonElement element, string prefix) =>
        element.ValueKind == JsonValueKind.Object ? (RedisValue)Convert.FromBase64String(element.GetProperty("b64").GetString()!) : Text(element, prefix);

    private static string Text(JsonElement element, string prefix) => element.GetString()!.Replace("PREFIX", prefix, StringComparison.Ordinal);
}
