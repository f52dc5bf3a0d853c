using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Shared set-up of the PostgreSQL and Redis benchmarks: the throwaway servers the tests use (started from the
/// machine's binaries, stopped when the benchmark process exits), a fresh schema or key prefix per benchmark class,
/// 1M seeded suppressions, probes and outbox rows.
/// </summary>
internal static class ServerStoreBench
{
    public const int Suppressed = 1_000_000;
    public const int Probed = 1_000_000;
    public const int ProbeBatch = 4_096;

    public static string NewIsolationKey() => "bench" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The PostgreSQL storage of <paramref name="schema"/>; without the suppression snapshot unless asked, so filters probe the database.</summary>
    public static ServiceProvider PostgreSql(string schema, bool snapshot = false, bool consentLog = true)
    {
        var server = PostgresServer.GetAsync().GetAwaiter().GetResult();
        return Build(server.UnavailableReason, b => b.UsePostgreSql(o =>
        {
            o.ConnectionString = server.ConnectionString;
            o.Schema = schema;
            o.SuppressionSnapshot = snapshot;
            ConsentLogSwitch.Set(o, consentLog);
        }));
    }

    /// <summary>The Redis storage of <paramref name="prefix"/>; without the suppression snapshot unless asked, so filters probe Redis.</summary>
    public static ServiceProvider Redis(string prefix, bool snapshot = false)
    {
        var server = RedisServer.GetAsync().GetAwaiter().GetResult();
        return Build(server.UnavailableReason, b => b.UseRedis(o => { o.Configuration = server.Configuration; o.KeyPrefix = prefix; o.SuppressionSnapshot = snapshot; }));
    }

    public static string PostgreSqlConnectionString => PostgresServer.GetAsync().GetAwaiter().GetResult().ConnectionString;

    public static string RedisConfiguration => RedisServer.GetAsync().GetAwaiter().GetResult().Configuration;

    /// <summary>1M account-wide opt-outs of even offsets, so about half of <see cref="Probes"/> hit.</summary>
    public static void SeedSuppressions(ISuppressionStore store)
    {
        for (var start = 0; start < Suppressed; start += 10_000)
        {
            store.ApplyBatchAsync(Enumerable.Range(start, 10_000).Select(i => new ConsentWrite(SqliteBench.OptOut(i * 2L), [])).ToArray()).GetAwaiter().GetResult();
        }
    }

    /// <summary>The pseudonym key of every benchmark store.</summary>
    public static SmsOptOut.Privacy.PseudonymKey PseudonymKey { get; } = new() { Id = 1, Secret = Convert.ToBase64String(new byte[32]) };

    /// <summary>The benchmarks' evidence signing key (checkpoints and certificates; no host runs, so nothing signs on a schedule).</summary>
    public static SmsOptOut.Evidence.EvidenceSigningKey EvidenceKey { get; } = new() { Id = "bench", PrivateKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) };

    /// <summary>
    /// Erases the first <paramref name="count"/> seeded (suppressed) numbers: they stay suppressed under pseudonyms, so a
    /// probe that misses the ordinary index is checked against them.
    /// </summary>
    public static void Erase(IServiceProvider services, int count)
    {
        var subjects = services.GetRequiredService<SmsOptOut.Privacy.IDataSubjectService>();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            subjects.EraseAsync(new SmsOptOut.Privacy.ErasureRequest(SqliteBench.OptOut(i * 2L).Number, "bench", "benchmark") { Account = SqliteBench.Account })
                .GetAwaiter().GetResult());
    }

    public static PhoneNumber[] Probes()
    {
        var random = new Random(3);
        return Enumerable.Range(0, Probed).Select(_ => PhoneNumber.FromValue(12_120_000_000UL + (ulong)random.Next(0, 2 * Suppressed))).ToArray();
    }

    /// <summary>Runs the store's bulk filter over every probe, <see cref="ProbeBatch"/> per call; returns the hits.</summary>
    public static async Task<int> FilterAll(ISuppressionStore store, PhoneNumber[] probes, bool[] flags)
    {
        var count = 0;
        for (var start = 0; start < probes.Length; start += ProbeBatch)
        {
            count += await store.FilterAsync(SqliteBench.Account, null, probes.AsMemory(start, Math.Min(ProbeBatch, probes.Length - start)), flags);
        }

        return count;
    }

    /// <summary>Writes <paramref name="count"/> opt-outs, each with one owed webhook due now.</summary>
    public static void SeedOutbox(ISuppressionStore store, long firstId, int count)
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var start = 0; start < count; start += 1_000)
        {
            store.ApplyBatchAsync(Enumerable.Range(start, Math.Min(1_000, count - start)).Select(i =>
            {
                var optOut = SqliteBench.OptOut(firstId + i);
                return new ConsentWrite(optOut, [new OutboxMessage
                {
                    Id = "msg_" + optOut.EventId, Account = optOut.Account, EventId = optOut.EventId, CreatedAt = due, NextAttemptAt = due,
                    Payload = "{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"" + optOut.Number.ToString() + "\",\"source\":\"API\"}",
                }]);
            }).ToArray()).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// What one dispatcher does with the outbox, minus the HTTP: claim up to 64 due rows under a lease, record each as
    /// delivered, until nothing is due. Returns the rows it delivered.
    /// </summary>
    public static async Task<int> DrainAsync(IWebhookOutboxStore outbox, string owner)
    {
        var delivered = 0;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var claimed = await outbox.ClaimDueAsync(owner, now, TimeSpan.FromMinutes(1), 64);
            if (claimed.Count == 0)
            {
                return delivered;
            }

            var recorded = await Task.WhenAll(claimed.Select(m =>
                outbox.RecordAttemptAsync(new OutboxAttempt(m.Id, owner, OutboxMessageState.Delivered, m.Attempts + 1, now, now, null))));
            delivered += recorded.Count(r => r);
        }
    }

    /// <summary>Tokens issued per benchmark operation on a server store, and per <c>CreateManyAsync</c> call.</summary>
    public const int Tokens = 200_000;

    /// <inheritdoc cref="Tokens"/>
    public const int TokenBatch = 1_000;

    /// <summary>One list send's worth of link targets: a batch of recipients of one list.</summary>
    public static OptOutLinkTarget[] TokenTargets() => Enumerable.Range(0, TokenBatch)
        .Select(i => new OptOutLinkTarget(SqliteBench.Account, new ListId("newsletter"), PhoneNumber.FromValue(12_120_000_000UL + (ulong)i))).ToArray();

    /// <summary>Issues <see cref="Tokens"/> links through the store's generator, <see cref="TokenBatch"/> per call.</summary>
    public static async Task<int> IssueTokensAsync(IOptOutLinkGenerator generator, OptOutLinkTarget[] targets)
    {
        var issued = 0;
        for (var start = 0; start < Tokens; start += TokenBatch)
        {
            issued += (await generator.CreateManyAsync(targets)).Count;
        }

        return issued;
    }

    public static string Owner(int i) => "bench-" + i.ToString(CultureInfo.InvariantCulture);

    private static ServiceProvider Build(string? unavailable, Action<ISmsOptOutBuilder> use)
    {
        if (unavailable is not null)
        {
            throw new InvalidOperationException("Cannot run this benchmark: " + unavailable);
        }

        var services = new ServiceCollection();
        use(services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.DataProtection.PseudonymKeys.Add(PseudonymKey);
            o.Evidence.SigningKeys.Add(EvidenceKey);
        }));
        return services.BuildServiceProvider();
    }
}
