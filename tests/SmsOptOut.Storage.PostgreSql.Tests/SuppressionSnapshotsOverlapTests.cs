using Microsoft.Extensions.Options;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>
/// The suppression snapshots' batch (shared by the server stores; here with the reads a test controls): the batch is
/// marked from the snapshot held while the counter's read is on its way and that is the answer when nothing changed;
/// when something did, the early marks are cleared and the batch marked from the snapshot brought up to date (and the
/// next batch waits for its read); when the snapshot cannot catch up or the read fails, no mark is left behind.
/// </summary>
public sealed class SuppressionSnapshotsOverlapTests
{
    private static readonly PhoneNumber[] Batch = [TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3)];

    private readonly SuppressionSnapshots _snapshots = new(1_000, new NumberPseudonyms(Options.Create(new SmsOptOutOptions())), TimeProvider.System, null);

    [Fact]
    public async Task The_batch_is_marked_while_the_read_is_on_its_way_and_that_is_the_answer_when_nothing_changed()
    {
        await LoadAsync();
        var read = new TaskCompletionSource<SuppressionDelta>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flags = new bool[Batch.Length];

        var marking = Mark(flags, (_, _) => read.Task);

        flags.Should().Equal([true, false, false], "the snapshot held answered while the counter was read");
        marking.IsCompleted.Should().BeFalse("the answer waits for the read");
        read.SetResult(new SuppressionDelta(5, true, null, [], "e"));
        (await marking).Should().Be(1);
        flags.Should().Equal(true, false, false);
    }

    [Fact]
    public async Task A_change_found_by_the_read_clears_the_early_marks_and_the_next_batch_waits_for_its_read()
    {
        await LoadAsync();
        var read = new TaskCompletionSource<SuppressionDelta>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flags = new bool[Batch.Length];
        var marking = Mark(flags, (_, _) => read.Task);
        flags.Should().Equal(true, false, false);

        read.SetResult(new SuppressionDelta(6, true, null, [new(TestNumbers.Us(1).Value, false, null), new(TestNumbers.Us(2).Value, false, "")], "e"));

        (await marking).Should().Be(1);
        flags.Should().Equal([false, true, false], "the opt-in and the opt-out committed before the read are seen");

        var next = new TaskCompletionSource<SuppressionDelta>(TaskCreationOptions.RunContinuationsAsynchronously);
        var again = new bool[Batch.Length];
        var second = Mark(again, (position, _) => position == 6 ? next.Task : throw new InvalidOperationException($"read from {position}"));
        again.Should().Equal([false, false, false], "after a read that found changes, the batch waits for its own");
        next.SetResult(new SuppressionDelta(6, true, null, [], "e"));
        (await second).Should().Be(1);
        again.Should().Equal(false, true, false);
    }

    [Fact]
    public async Task A_snapshot_that_cannot_catch_up_or_a_failed_read_leaves_no_mark_for_the_store_probe()
    {
        await LoadAsync();
        var behind = new bool[Batch.Length];
        var failed = new bool[Batch.Length];

        var failure = () => Mark(failed, async (_, _) =>
        {
            await Task.Yield();
            throw new TimeoutException("the server did not answer");
        });
        await failure.Should().ThrowAsync<TimeoutException>();
        var incomplete = await Mark(behind, (_, _) => Task.FromResult(new SuppressionDelta(20_000, false, null, [], "e")));

        incomplete.Should().BeNull("the store probes while the snapshot loads again");
        behind.Should().OnlyContain(f => !f, "the store's probe starts from cleared flags");
        failed.Should().OnlyContain(f => !f, "the batch marked early is cleared when its read fails");
    }

    private Task<int?> Mark(bool[] flags, Func<long, CancellationToken, Task<SuppressionDelta>> readDelta) =>
        _snapshots.MarkAsync("acme", null, Batch, flags, readDelta, (_, _) => throw new InvalidOperationException("no load expected"), CancellationToken.None);

    /// <summary>Loads acme's snapshot (Us(1) suppressed, at count 5) and waits until a batch is answered from it.</summary>
    private async Task LoadAsync()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var flags = new bool[Batch.Length];
            var answered = await _snapshots.MarkAsync("acme", null, Batch, flags, (position, _) => Task.FromResult(new SuppressionDelta(position, true, null, [], "e")),
                (builder, _) =>
                {
                    (builder.Position, builder.Epoch) = (5, "e");
                    builder.Add(TestNumbers.Us(1).Value, pseudonym: false, string.Empty);
                    return Task.FromResult(true);
                }, CancellationToken.None);
            if (answered is not null)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("The snapshot did not load.");
    }
}
