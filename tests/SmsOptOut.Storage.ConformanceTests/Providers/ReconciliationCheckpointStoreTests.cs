using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Providers;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Providers;

/// <summary>
/// The contract of <see cref="IReconciliationCheckpointStore"/>: a checkpoint per account and provider, replaced by the
/// next, listed with when it was saved; bad names and sizes refused. Across instances and restarts:
/// <see cref="SharingTests{TFixture}"/> and <see cref="DurabilityTests{TFixture}"/>.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.ReconciliationCheckpoints)]
public abstract class ReconciliationCheckpointStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private const string Checkpoint = """{"through":"2026-11-27T06:00:00+00:00","pending":null}""";

    [SkippableFact]
    public virtual async Task Without_a_checkpoint_there_is_none()
    {
        await using var store = Fixture.CreateStore();

        (await store.Checkpoints.GetCheckpointAsync(Acme, "telnyx")).Should().BeNull();
        (await store.Checkpoints.ListCheckpointsAsync().ToListAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public virtual async Task A_checkpoint_round_trips_and_is_replaced_by_the_next()
    {
        await using var store = Fixture.CreateStore();
        var savedAt = new DateTimeOffset(2026, 11, 27, 6, 0, 1, 123, TimeSpan.Zero);
        var next = Checkpoint.Replace("06:00", "07:00", StringComparison.Ordinal) + new string(' ', 3_000) + "ü";

        await store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", Checkpoint, savedAt);
        var first = await store.Checkpoints.GetCheckpointAsync(Acme, "telnyx");
        await store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", next, savedAt.AddHours(1));

        first.Should().Be(Checkpoint);
        (await store.Checkpoints.GetCheckpointAsync(Acme, "telnyx")).Should().Be(next);
        (await store.Checkpoints.ListCheckpointsAsync().ToListAsync()).Should().ContainSingle()
            .Which.Should().Be(new StoredReconciliationCheckpoint(Acme, "telnyx", next, savedAt.AddHours(1)));
    }

    [SkippableFact]
    public virtual async Task Accounts_and_providers_have_their_own_checkpoints()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        await store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", "acme-telnyx", now);
        await store.Checkpoints.SaveCheckpointAsync(Acme, "smsto", "acme-smsto", now);
        await store.Checkpoints.SaveCheckpointAsync(Globex, "telnyx", "globex-telnyx", now);

        (await store.Checkpoints.GetCheckpointAsync(Acme, "telnyx")).Should().Be("acme-telnyx");
        (await store.Checkpoints.GetCheckpointAsync(Acme, "smsto")).Should().Be("acme-smsto");
        (await store.Checkpoints.GetCheckpointAsync(Globex, "telnyx")).Should().Be("globex-telnyx");
        (await store.Checkpoints.GetCheckpointAsync(Globex, "smsto")).Should().BeNull();
        (await store.Checkpoints.ListCheckpointsAsync().ToListAsync()).Select(c => (c.Account.Value, c.Provider, c.Checkpoint)).Should()
            .BeEquivalentTo([("acme", "telnyx", "acme-telnyx"), ("acme", "smsto", "acme-smsto"), ("globex", "telnyx", "globex-telnyx")]);
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused_with_their_name_and_nothing_is_saved()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(Acme, "Telnyx", Checkpoint, now)).Should().ThrowAsync<ArgumentException>().WithParameterName("provider");
        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(Acme, "", Checkpoint, now)).Should().ThrowAsync<ArgumentException>().WithParameterName("provider");
        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(Acme, new string('p', 65), Checkpoint, now)).Should().ThrowAsync<ArgumentException>().WithParameterName("provider");
        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", "", now)).Should().ThrowAsync<ArgumentException>().WithParameterName("checkpoint");
        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", new string('c', ReconciliationCheckpointArguments.MaxCheckpointLength + 1), now))
            .Should().ThrowAsync<ArgumentException>().WithParameterName("checkpoint");
        await FluentActions.Awaiting(() => store.Checkpoints.SaveCheckpointAsync(default, "telnyx", Checkpoint, now)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.Checkpoints.GetCheckpointAsync(Acme, "tel nyx")).Should().ThrowAsync<ArgumentException>().WithParameterName("provider");
        (await store.Checkpoints.ListCheckpointsAsync().ToListAsync()).Should().BeEmpty();
    }
}
