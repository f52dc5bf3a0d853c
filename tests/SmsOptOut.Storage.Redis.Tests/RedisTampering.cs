using System.Globalization;
using System.Text.RegularExpressions;
using SmsOptOut.Storage.ConformanceTests.Support;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Changes a stored consent log behind the store's back with plain Redis commands (HSET, HDEL, LSET), as an operator could.</summary>
internal static partial class RedisTampering
{
    public static async Task<bool> TamperAsync(IDatabase database, string accountKey, string eventId, Tampering tampering)
    {
        var index = (long)await database.HashGetAsync(accountKey + ":logix", eventId);
        var place = (string)(await database.HashGetAsync(accountKey + ":logev", index))!;
        var member = place[..place.IndexOf('|', place.IndexOf('|', StringComparison.Ordinal) + 1)];
        var json = (string)(await database.HashGetAsync(accountKey + ":evd", member))!;
        switch (tampering)
        {
            case Tampering.EditNote:
                await database.HashSetAsync(accountKey + ":evd", member, Regex.Replace(json, "asked by phone [0-9]+", "consented at the counter"));
                break;
            case Tampering.BackDate:
                await database.HashSetAsync(accountKey + ":evd", member, Occurred().Replace(json,
                    m => "\"Occurred\":" + (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture)));
                break;
            case Tampering.DeleteEvent:
                await database.HashDeleteAsync(accountKey + ":evd", member);
                break;
            default:
                var leaf = await database.ListGetByIndexAsync(accountKey + ":log", index);
                var next = await database.ListGetByIndexAsync(accountKey + ":log", index + 1);
                var nextPlace = (string)(await database.HashGetAsync(accountKey + ":logev", index + 1))!;
                await database.ListSetByIndexAsync(accountKey + ":log", index, next);
                await database.ListSetByIndexAsync(accountKey + ":log", index + 1, leaf);
                await database.HashSetAsync(accountKey + ":logev", [new(index, nextPlace), new(index + 1, place)]);
                break;
        }

        return true;
    }

    [GeneratedRegex("\"Occurred\":([0-9]+)")]
    private static partial Regex Occurred();
}
