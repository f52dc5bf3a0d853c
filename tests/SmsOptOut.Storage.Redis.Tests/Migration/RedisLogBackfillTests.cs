using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Redis.Internal;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Key layout 6: the events a Redis store kept from before the consent log (moved from layouts 1 and 2, without a leaf)
/// join the log once, after the leaves already there, with new salts, marked as added late; retention still reaches
/// them first, and a chunk of the backfill is never added twice.
/// </summary>
public sealed class RedisLogBackfillTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    /// <summary>The layout-3 dataset's evt_a1 (acme, Us(1), recorded at the epoch, before the log) in its evd hash.</summary>
    private const string PreLogMember = "0639313560000000000|0000000000000000001";

    [SkippableFact]
    public async Task Events_from_before_the_log_join_it_verify_get_certificates_and_retention_reaches_them_first()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "bf_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout3Async(database, prefix);
        var acme = "{" + prefix + ":a:acme}";

        // evt_a1 carries an IP address: personal details that retention must minimise once its recording time is past.
        var json = JsonDocument.Parse((string)(await database.HashGetAsync(acme + ":evd", PreLogMember))!).RootElement;
        json.GetProperty("Id").GetString().Should().Be("evt_a1");
        var withIp = JsonSerializer.Serialize(json.EnumerateObject().ToDictionary(p => p.Name, p => p.Name == "Evidence"
            ? JsonSerializer.SerializeToElement(ConsentEvidenceJson.Serialize(new ConsentEvidence { IpAddress = "203.0.113.9" }))
            : p.Value.Clone()));
        await database.HashSetAsync(acme + ":evd", PreLogMember, withIp);

        await using var store = fixture.CreateStore(prefix, s => s.Configure<SmsOptOutOptions>(o => o.Retention.MinimizeEvidenceAfter = TimeSpan.FromDays(1)));
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(3, 9));

        var log = (IConsentLogStore)store.Suppression;
        var entry = (await log.FindLogEntryAsync(Layout3Scenario.Acme, "evt_a1"))!;
        entry.Should().NotBeNull("the event recorded before the log is in it now");
        (entry.Index, entry.BackfilledAt).Should().Be((7L, store.Time.GetUtcNow()), "after acme's seven leaves, marked with when it was added");
        entry.Event!.Evidence!.IpAddress.Should().Be("203.0.113.9");
        (await database.KeyExistsAsync(acme + ":evpre")).Should().BeFalse("the list of events outside the log is gone");
        (await database.HashExistsAsync(acme + ":evtime", "p")).Should().BeFalse("and its span of recording times");

        var evidence = store.Services.GetRequiredService<IConsentEvidence>();
        var certificate = await evidence.CreateCertificateAsync(Layout3Scenario.Acme, "evt_a2");
        ConsentCertificateVerifier.Verify(certificate, evidence.PublicKeys).IsValid.Should().BeTrue("an added event gets a certificate like any other");

        // The log's first events were recorded a minute after evt_a1: retention walks the added events first, so a cutoff
        // between them reaches evt_a1 though it comes later in the log.
        (await store.DataSubjects.MinimizeEvidenceAsync(TestStore.Epoch.AddSeconds(30), 100)).Should().Be(1, "evt_a1's IP address; every other event is younger or holds none");
        (await log.FindLogEntryAsync(Layout3Scenario.Acme, "evt_a1"))!.Event!.Evidence!.IpAddress.Should().BeNull();
        (await store.HistoryAsync(Layout3Scenario.Acme, TestNumbers.Us(1))).Single().EventId.Should().Be("evt_a1", "the number's history still finds it");

        // A minimized event has no salt: verification takes it as minimized only once it is older than minimization reaches.
        (await evidence.VerifyAsync(Layout3Scenario.Acme)).Divergence!.Reason.Should().Contain("evt_a1").And.Contain("the oldest time evidence minimization reaches");
        store.Time.Advance(TimeSpan.FromDays(2));
        var verification = await evidence.VerifyAsync(Layout3Scenario.Acme);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.LogSize, verification.Backfilled, verification.Erasures).Should().Be((13L, 5L, 1L), "and the record key layout 9 added to list the leaf erased before it");
    }

    [SkippableFact]
    public async Task A_chunk_of_the_backfill_sent_again_is_refused_and_changes_nothing()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "bf2_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout3Async(database, prefix);
        await using var store = fixture.CreateStore(prefix);
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(3, 9));
        var acme = "{" + prefix + ":a:acme}";
        var size = await database.ListLengthAsync(acme + ":log");

        var next = (long)await database.ScriptEvaluateAsync(RedisScripts.BackfillLog, [acme],
            [acme, 0, "0639313560000000000", "record", new byte[32], RedisEventRecord.KeyOf("evt_a1"), "12120000001", SuppressionKeys.Number(12120000001), "0639313560000000000"]);

        next.Should().Be(5, "the backfill went past all five places; a chunk from place 0 is one it added already");
        (await database.ListLengthAsync(acme + ":log")).Should().Be(size);
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9), "a second run finds nothing to add");
        (await database.ListLengthAsync(acme + ":log")).Should().Be(size);
    }
}
