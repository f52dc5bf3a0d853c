using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>--redis-footprint &lt;numbers&gt;</c>: opts that many numbers out of one account in a throwaway redis-server (the
/// tests' own), half through an opt-out link (the token, IP address, user agent and page URL as evidence, a list and a
/// campaign) and half by a STOP reply (the message text, provider and provider message id), each with a fresh
/// <c>evt_</c> id as the service makes them, in batches of 1,000; no webhooks (a delivered webhook is deleted by the
/// cleanup) and no link tokens. Prints the bytes per opted-out number two ways: <c>MEMORY USAGE</c> (exact, SAMPLES 0)
/// summed over every key of the account found with <c>SCAN</c>, by key family; and the delta of <c>INFO memory</c>'s
/// <c>used_memory</c> (which also counts the keyspace's own table); and, roughly, how long the writes took.
/// </summary>
internal static class RedisFootprint
{
    private static readonly AccountId Account = new("footprint");

    public static void Run(int count) => RunAsync(count).GetAwaiter().GetResult();

    private static async Task RunAsync(int count)
    {
        var prefix = ServerStoreBench.NewIsolationKey();
        await using var services = ServerStoreBench.Redis(prefix);
        var store = services.GetRequiredService<ISuppressionStore>();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ServerStoreBench.RedisConfiguration + ",allowAdmin=true");
        var server = redis.GetServers().Single();
        var database = redis.GetDatabase();

        // The store writes its layout key on first use: do that before the first reading.
        await store.IsSuppressedAsync(Account, PhoneNumber.FromValue(12_120_000_000UL));
        var before = await UsedMemoryAsync(server);
        var start = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var first = 0; first < count; first += 1_000)
        {
            await store.ApplyBatchAsync([.. Enumerable.Range(first, Math.Min(1_000, count - first)).Select(i => new ConsentWrite(OptOut(i, start), []))]);
        }

        var written = clock.Elapsed;

        var after = await UsedMemoryAsync(server);
        var families = new SortedDictionary<string, (long Keys, long Bytes)>(StringComparer.Ordinal);
        var root = "{" + prefix + ":a:" + Account.Value + "}:";
        await foreach (var key in server.KeysAsync(pattern: "{" + prefix + ":a:" + Account.Value + "}*", pageSize: 1_000))
        {
            var bytes = (long)await database.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            var family = Family(((string)key!)[root.Length..]);
            families[family] = families.TryGetValue(family, out var sum) ? (sum.Keys + 1, sum.Bytes + bytes) : (1, bytes);
        }

        var total = families.Values.Sum(f => f.Bytes);
        var layout = (string?)await database.StringGetAsync("{" + prefix + "}:layout");
        Console.WriteLine($"Redis {server.Version}, key layout {layout}, {count:N0} opted-out numbers (half by link, half by STOP):");
        foreach (var (family, (keys, bytes)) in families)
        {
            Console.WriteLine($"  {family,-14} {keys,9:N0} keys {bytes,14:N0} bytes {bytes / (double)count,8:F1} per number");
        }

        Console.WriteLine($"MEMORY USAGE over the account's keys: {total / (double)count:F1} bytes per opted-out number ({total:N0} bytes)");
        Console.WriteLine($"used_memory delta: {(after - before) / (double)count:F1} bytes per opted-out number ({after - before:N0} bytes)");
        Console.WriteLine($"written in {written.TotalSeconds:F1} s ({count / written.TotalSeconds:N0} opt-outs/s in batches of 1,000; one run, a rough figure)");
    }

    /// <summary>A key's family: its name under the account with each per-number or per-list part replaced by <c>*</c>.</summary>
    private static string Family(string name)
    {
        var parts = name.Split(':');
        return parts.Length == 1 ? name : parts[0] + ":*";
    }

    private static async Task<long> UsedMemoryAsync(IServer server)
    {
        var info = await server.InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).Single(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The i-th opt-out: even by link, odd by STOP, as the opt-out service records them.</summary>
    private static ConsentEvent OptOut(int i, DateTimeOffset start)
    {
        var at = start.AddMilliseconds(i * 37);
        var number = PhoneNumber.FromValue(12_120_000_000UL + ((ulong)i * 7));
        var id = "evt_" + Guid.CreateVersion7(at).ToString("N");
        return i % 2 == 0
            ? new ConsentEvent
            {
                EventId = id, Account = Account, Number = number, Kind = ConsentKind.OptOut, Source = OptOutSource.OptOutLink, OccurredAt = at, RecordedAt = at,
                List = new ListId("newsletter"), Campaign = new CampaignId("black-friday-2026"),
                Evidence = new ConsentEvidence
                {
                    LinkToken = "Qx7" + i.ToString("D7", CultureInfo.InvariantCulture),
                    IpAddress = "203.0." + (i % 250).ToString(CultureInfo.InvariantCulture) + "." + (i % 199).ToString(CultureInfo.InvariantCulture),
                    UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                    PageUrl = "https://opt.example.com/u/Qx7" + i.ToString("D7", CultureInfo.InvariantCulture),
                },
            }
            : new ConsentEvent
            {
                EventId = id, Account = Account, Number = number, Kind = ConsentKind.OptOut, Source = OptOutSource.Keyword, OccurredAt = at, RecordedAt = at.AddMilliseconds(4),
                Evidence = new ConsentEvidence
                {
                    MessageText = i % 3 == 0 ? "Stop" : "STOP please",
                    ProviderName = "twilio",
                    ProviderMessageId = "SM" + Guid.CreateVersion7(at).ToString("N"),
                },
            };
    }
}
