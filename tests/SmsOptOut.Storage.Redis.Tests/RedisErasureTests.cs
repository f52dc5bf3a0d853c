using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// Erasure on Redis: numbers erased before the erasure version stay suppressed; and after an erase the rewritten
/// append-only file holds no byte sequence of the number. (Data written before the per-number indexes: RedisLayoutMigrationTests.)
/// </summary>
public sealed class RedisErasureTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    /// <summary>A number no other test writes, so the shared server's AOF holds it only through this test.</summary>
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+359888123456");

    [SkippableFact]
    public async Task Numbers_erased_before_the_erasure_version_existed_stay_suppressed_in_list_sends()
    {
        var isolation = "noversion_" + Guid.NewGuid().ToString("N")[..8];
        var erased = PhoneNumber.Parse("+359888123458");
        await using (var store = fixture.CreateStore(isolation))
        {
            await SeedAsync(store, erased);
            await store.DataSubjectService.EraseAsync(new ErasureRequest(erased, "t-1", "request"));
        }

        // A version before the erasure version kept the pseudonyms without it.
        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await using (redis)
        {
            (await redis.GetDatabase().KeyDeleteAsync("{" + isolation + ":a:acme}:erv")).Should().BeTrue("the erasure moved the version");
        }

        await using var reopened = fixture.CreateStore(isolation);
        var flags = new bool[2];

        (await reopened.Suppression.FilterAsync(Acme, null, new[] { erased, PhoneNumber.Parse("+359888123459") }, flags)).Should().Be(1);
        flags.Should().Equal(true, false);
    }

    [SkippableFact]
    public async Task After_an_erase_and_an_AOF_rewrite_the_files_hold_no_byte_sequence_of_the_number()
    {
        await using (var store = fixture.CreateStore())
        {
            await SeedAsync(store, Person);
            (await store.DataSubjectService.EraseAsync(new ErasureRequest(Person, "t-2", "request"))).Found.Should().BeTrue();
        }

        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration + ",allowAdmin=true");
        await using (redis)
        {
            var server = redis.GetServers().Single();
            await server.ConfigSetAsync("aof-use-rdb-preamble", "no");
            await RewriteAsync(server);
        }

        var folder = Path.Combine(fixture.Folder, "appendonlydir");
        var bytes = Directory.GetFiles(folder).SelectMany(File.ReadAllBytes).ToArray();
        Occurrences(bytes, Encoding.ASCII.GetBytes(Person.ToString()[1..])).Should().Be(0, "the rewritten AOF holds nothing of the erased number");
        Occurrences(bytes, Encoding.ASCII.GetBytes(TestNumbers.Us(7).ToString()[1..])).Should().BeGreaterThan(0, "the search finds a number that is there");
    }

    /// <summary>An account-wide opt-out with evidence and a webhook, a token, a reply row, and a bystander beside it.</summary>
    private static async Task SeedAsync(TestStore store, PhoneNumber person)
    {
        var now = store.Time.GetUtcNow();
        var e = Events.OptOut(Acme, person, now) with { Evidence = new ConsentEvidence { Note = "called from " + person } };
        await store.Suppression.ApplyAsync(e, [Events.Message(e, now)]);
        var bystander = Events.OptOut(Acme, TestNumbers.Us(7), now);
        await store.Suppression.ApplyAsync(bystander, [Events.Message(bystander, now)]);
        await store.LinkTokens.AddAsync([new StoredLinkToken("Tk" + Guid.NewGuid().ToString("N")[..12], new OptOutLinkTarget(Acme, new ListId("news"), person), now.AddDays(90))]);
        await store.ReplyLedger.TryRecordReplyAsync(Acme, person, now, TimeSpan.FromDays(1));
    }

    /// <summary>Starts an AOF rewrite (after any one under way) and waits until it is done and the old files are gone.</summary>
    private static async Task RewriteAsync(IServer server)
    {
        await SmsOptOut.Testing.Eventually.TrueAsync(async () => !(await InfoAsync(server)).Contains("aof_rewrite_in_progress:1", StringComparison.Ordinal),
            "an earlier AOF rewrite to finish", TimeSpan.FromSeconds(30));
        await server.ExecuteAsync("BGREWRITEAOF");
        await SmsOptOut.Testing.Eventually.TrueAsync(async () =>
        {
            var info = await InfoAsync(server);
            return info.Contains("aof_rewrite_in_progress:0", StringComparison.Ordinal) && info.Contains("aof_rewrite_scheduled:0", StringComparison.Ordinal)
                && info.Contains("aof_last_bgrewrite_status:ok", StringComparison.Ordinal);
        }, "the AOF rewrite to finish", TimeSpan.FromSeconds(30));
        await SmsOptOut.Testing.Eventually.TrueAsync(() => Task.FromResult(!Directory.GetFiles(Path.GetDirectoryName(ManifestOf(server))!).Any(IsHistory)),
            "the files the rewrite replaced to be deleted", TimeSpan.FromSeconds(30));
    }

    private static async Task<string> InfoAsync(IServer server) => (string)(await server.ExecuteAsync("INFO", "persistence"))!;

    private static string ManifestOf(IServer server) => Directory.GetFiles(Path.Combine((string)server.ConfigGet("dir")[0].Value, "appendonlydir"), "*.manifest").Single();

    /// <summary>A file no longer named in the manifest: history Redis deletes after a rewrite.</summary>
    private static bool IsHistory(string file) =>
        !file.EndsWith(".manifest", StringComparison.Ordinal)
        && !File.ReadAllText(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.manifest").Single()).Contains(Path.GetFileName(file), StringComparison.Ordinal);

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
