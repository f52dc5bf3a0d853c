using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// The field check in a real SQLite file: kept after the salt in the salt column (20 bytes), so an erasure's
/// <c>salt = NULL</c> takes both; an event whose salt was stored alone (16 bytes, before the check) is still named, without
/// a field; and a check edited alone leaves the evidence intact (a hint, not part of the leaf).
/// </summary>
public sealed class SqliteFieldCheckTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [Fact]
    public async Task The_salt_column_holds_the_salt_and_the_check_and_an_event_without_a_check_is_named_without_a_field()
    {
        await using var store = fixture.CreateStore();
        var evidence = store.Services.GetRequiredService<IConsentEvidence>();
        var first = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword) { Evidence = new ConsentEvidence { Note = "asked by phone 1" } });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.Keyword));
        var entry = (await store.Claimed<IConsentLogStore>().FindLogEntryAsync(Acme, first.Event.EventId))!;

        (await ScalarAsync(store.IsolationKey, "SELECT length(salt) FROM consent_events WHERE event_id = $id;", first.Event.EventId)).Should().Be(20L);
        entry.Salt.Should().HaveCount(16, "the leaf takes the salt alone");
        entry.FieldCheck.Should().Be(ConsentLogLeaf.FieldCheck(entry.Event!, entry.Salt!));

        await ScalarAsync(store.IsolationKey, "UPDATE consent_events SET salt = substr(salt, 1, 16) WHERE event_id = $id;", first.Event.EventId);
        (await evidence.VerifyAsync(Acme)).IsIntact.Should().BeTrue("a salt stored alone is how events were kept before the check");
        (await fixture.TamperAsync(store.IsolationKey, Acme, first.Event.EventId, Tampering.EditNote)).Should().BeTrue();
        var withoutCheck = (await evidence.VerifyAsync(Acme)).Divergence!;

        withoutCheck.EventId.Should().Be(first.Event.EventId);
        withoutCheck.Field.Should().BeNull();
        withoutCheck.Reason.Should().Contain("it has no field check to say which");
    }

    [Fact]
    public async Task A_check_edited_alone_changes_no_evidence_and_one_rewritten_with_its_field_says_so()
    {
        await using var store = fixture.CreateStore();
        var evidence = store.Services.GetRequiredService<IConsentEvidence>();
        var optOut = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword) { Evidence = new ConsentEvidence { Note = "asked by phone 1" } });
        await evidence.CheckpointAsync(Acme);

        var stored = (await store.Claimed<IConsentLogStore>().FindLogEntryAsync(Acme, optOut.Event.EventId))!;

        await ScalarAsync(store.IsolationKey, "UPDATE consent_events SET salt = $salt WHERE event_id = $id;", optOut.Event.EventId, [.. stored.Salt!, 0, 0, 0, 0]);
        (await evidence.VerifyAsync(Acme)).IsIntact.Should().BeTrue("the check is not in the leaf: the event and its evidence are as recorded");

        // An editor who knows the check rewrites it with the field: the leaf still catches the edit, the check no longer locates it.
        var edited = stored.Event! with { Evidence = stored.Event.Evidence with { Note = "consented at the counter" } };
        (await fixture.TamperAsync(store.IsolationKey, Acme, optOut.Event.EventId, Tampering.EditNote)).Should().BeTrue();
        var check = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(check, ConsentLogLeaf.FieldCheck(edited, stored.Salt!));
        await ScalarAsync(store.IsolationKey, "UPDATE consent_events SET salt = $salt WHERE event_id = $id;", optOut.Event.EventId, [.. stored.Salt!, .. check]);
        var divergence = (await evidence.VerifyAsync(Acme)).Divergence!;

        divergence.EventId.Should().Be(optOut.Event.EventId);
        divergence.Field.Should().BeNull();
        divergence.Reason.Should().Contain("its fields still give the field check kept with it");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(21)]
    public async Task A_salt_column_cut_or_grown_to_another_length_is_named_as_a_changed_salt(int length)
    {
        await using var store = fixture.CreateStore();
        var evidence = store.Services.GetRequiredService<IConsentEvidence>();
        var optOut = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        await evidence.CheckpointAsync(Acme);

        await ScalarAsync(store.IsolationKey, "UPDATE consent_events SET salt = $salt WHERE event_id = $id;", optOut.Event.EventId, new byte[length]);
        var verification = await evidence.VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse();
        (verification.Divergence!.Index, verification.Divergence.EventId).Should().Be((0L, optOut.Event.EventId));
        verification.Divergence.Field.Should().BeNull();
        verification.Divergence.Reason.Should().Contain($"its salt was changed: it is {length} bytes, not 16");
    }

    private async Task<object?> ScalarAsync(string isolationKey, string sql, string eventId, byte[]? salt = null)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.PathFor(isolationKey)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", eventId);
        if (salt is not null)
        {
            command.Parameters.AddWithValue("$salt", salt);
        }

        return await command.ExecuteScalarAsync();
    }
}
