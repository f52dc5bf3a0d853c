using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// Erasure on disk: after an erase, with <c>secure_delete</c> on and the WAL checkpointed, the database file holds no
/// byte sequence of the number — neither its digits as text (evidence, payloads, event ids) nor its value as SQLite
/// stores integers (big-endian, in the record and in every index).
/// </summary>
public sealed class SqliteErasureFileTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+35799123456");

    [Fact]
    public async Task After_an_erase_the_file_holds_no_byte_sequence_of_the_number()
    {
        var isolation = "erase_" + Guid.NewGuid().ToString("N")[..8];
        await using (var store = fixture.CreateStore(isolation))
        {
            var now = store.Time.GetUtcNow();
            for (var i = 0; i < 500; i++)
            {
                var other = TestNumbers.Us(i);
                var e = Events.OptOut(Acme, other, now) with { Evidence = new ConsentEvidence { MessageText = "STOP", Note = "bystander " + other } };
                await store.Suppression.ApplyAsync(e, [Events.Message(e, now)]);
            }

            // The person everywhere: idempotency key, evidence, webhook payload, token, reply row, a list suppression, an opt-in and an opt-out again.
            var optOut = Events.OptOut(Acme, Person, now, id: $"smsto:optout:{Person}:1795760048") with
            {
                Evidence = new ConsentEvidence { MessageText = $"STOP from {Person}", Note = $"called from {Person}", IpAddress = "203.0.113.7" },
            };
            await store.Suppression.ApplyAsync(optOut, [Events.Message(optOut, now)]);
            await store.Suppression.ApplyAsync(Events.OptIn(Acme, Person, now), []);
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, Person, now, new ListId("newsletter")), []);
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, Person, now), []);
            await store.LinkTokens.AddAsync([new StoredLinkToken("TkErase0001", new OptOutLinkTarget(Acme, new ListId("newsletter"), Person), now.AddDays(90))]);
            await store.ReplyLedger.TryRecordReplyAsync(Acme, Person, now, TimeSpan.FromDays(1));

            var result = await store.DataSubjectService.EraseAsync(new ErasureRequest(Person, "ticket-1", "GDPR Art. 17"));

            result.Records.Should().ContainSingle().Which.Events.Should().Be(4);
            (await store.Suppression.IsSuppressedAsync(Acme, Person)).Should().BeTrue();
        }

        var bytes = await CheckpointAndReadAsync(fixture.PathFor(isolation));

        Occurrences(bytes, Encoding.ASCII.GetBytes(Person.ToString()[1..])).Should().Be(0, "no digits of the number remain");
        Occurrences(bytes, StoredInteger(Person.Value)).Should().Be(0, "its value is gone from every record and index");
        Occurrences(bytes, Encoding.ASCII.GetBytes(TestNumbers.Us(42).ToString()[1..])).Should().BeGreaterThan(0, "the search finds a number that is there");
        Occurrences(bytes, StoredInteger(TestNumbers.Us(42).Value)).Should().BeGreaterThan(0, "the search finds a stored value that is there");
    }

    /// <summary>Closes every pooled connection, checkpoints the WAL into the file and truncates it, then reads the file and what is left beside it.</summary>
    private static async Task<byte[]> CheckpointAndReadAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        var all = new List<byte>(await File.ReadAllBytesAsync(path));
        foreach (var side in new[] { path + "-wal", path + "-journal" })
        {
            if (File.Exists(side))
            {
                all.AddRange(await File.ReadAllBytesAsync(side));
            }
        }

        return [.. all];
    }

    /// <summary>A value as SQLite's record format stores an integer of its size: big-endian, in 6 bytes below 2^47.</summary>
    private static byte[] StoredInteger(ulong value)
    {
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(eight, value);
        return value < (1UL << 47) ? eight[2..].ToArray() : eight.ToArray();
    }

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        var span = haystack.AsSpan();
        for (var at = span.IndexOf(needle); at >= 0; at = span.IndexOf(needle))
        {
            count++;
            span = span[(at + 1)..];
        }

        return count;
    }
}
