using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Shared;
using SmsOptOut.Webhooks;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// Crash safety, proven: a child process writes opt-outs to a SQLite file in a loop and is killed (SIGKILL) at random
/// moments, 20 times. After each kill every opt-out it acknowledged is there with its consent event and its outbox
/// row, nothing is half applied, and the file opens cleanly.
/// </summary>
public sealed class SqliteCrashTests(SqliteStorageFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteStorageFixture>
{
    private static readonly AccountId Account = new("crash");

    [Fact]
    public async Task Acknowledged_opt_outs_survive_being_killed_20_times()
    {
        var path = fixture.PathFor("crash-" + Guid.NewGuid().ToString("N")[..8]);
        var connection = $"Data Source={path}";
        var random = new Random(20261127);
        var acknowledged = new HashSet<long>();
        long next = 0;

        for (var round = 0; round < 20; round++)
        {
            using var worker = WorkerProcess.Start("write", "sqlite", connection, next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await worker.WaitForLinesAsync(lines => lines.Any(l => l.StartsWith("ack ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(20, 250));
            await worker.KillAsync();

            var acks = worker.Lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(l => long.Parse(l[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));
            acks.Should().NotBeEmpty("round {0} must have acknowledged opt-outs before the kill", round);
            acknowledged.UnionWith(acks);
            await VerifyAsync(connection, acknowledged);
            next = acks.Max() + 2;
            output.WriteLine($"round {round + 1}: killed after {acks.Count} acknowledged opt-outs");
        }
    }

    private static async Task VerifyAsync(string connection, HashSet<long> acknowledged)
    {
        SqliteConnection.ClearAllPools();
        await using (var raw = new SqliteConnection(connection))
        {
            await raw.OpenAsync();
            using var check = raw.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            (await check.ExecuteScalarAsync()).Should().Be("ok");

            // No half-applied event: every event has its suppression and its outbox row, and nothing exists without its event.
            check.CommandText = """
                SELECT (SELECT COUNT(*) FROM consent_events),
                       (SELECT COUNT(*) FROM suppressions),
                       (SELECT COUNT(*) FROM webhook_outbox),
                       (SELECT COUNT(*) FROM consent_events e WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.event_id = e.event_id)),
                       (SELECT COUNT(*) FROM consent_events e WHERE NOT EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.event_id = e.event_id));
                """;
            using var reader = await check.ExecuteReaderAsync();
            reader.Read().Should().BeTrue();
            var (events, suppressions, outbox, withoutSuppression, withoutOutbox) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            events.Should().BeGreaterThanOrEqualTo(acknowledged.Count, "an opt-out may commit just before the kill, before its acknowledgement is printed");
            suppressions.Should().Be(events);
            outbox.Should().Be(events);
            withoutSuppression.Should().Be(0);
            withoutOutbox.Should().Be(0);
        }

        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite(connection);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ISuppressionStore>();
        var numbers = acknowledged.Select(i => PhoneNumber.FromValue(12_120_000_000UL + (ulong)i)).ToArray();
        var flags = new bool[numbers.Length];
        (await store.FilterAsync(Account, null, numbers, flags)).Should().Be(numbers.Length, "every acknowledged opt-out is suppressed");
        var outboxStore = provider.GetRequiredService<IWebhookOutboxStore>();
        (await outboxStore.CountAsync(Account)).Pending.Should().BeGreaterThanOrEqualTo(acknowledged.Count);
    }
}
