using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Privacy;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// Verification's account of leaves that lost their events: an erasure record's leaf may list only such leaves before it,
/// each once; the rest is left for the records from before erasures were leaves to count.
/// </summary>
public sealed class ErasedLeavesTests
{
    private static readonly byte[] Leaf = new byte[32];

    [Fact]
    public void A_record_listing_the_leaves_that_lost_their_events_before_it_leaves_none_unlisted()
    {
        var leaves = new ErasedLeaves();

        Walk(leaves, Gone(0), Event(1), Gone(2), Erasure("t-1", 0, 2)).Should().BeNull();

        (leaves.Unlisted, leaves.FirstUnlisted).Should().Be((0, -1L));
    }

    [Fact]
    public void Leaves_no_record_lists_are_counted_from_the_first()
    {
        var leaves = new ErasedLeaves();

        Walk(leaves, Event(0), Gone(1), Gone(2), Gone(3), Erasure("t-1", 2)).Should().BeNull();

        (leaves.Unlisted, leaves.FirstUnlisted).Should().Be((2, 1L));
    }

    [Theory]
    [InlineData(new long[] { 4 }, "lists leaf 4, which comes after it")]
    [InlineData(new long[] { 3 }, "lists leaf 3, which comes after it")]
    [InlineData(new long[] { 1 }, "lists leaf 1, whose event is still there")]
    [InlineData(new long[] { 0 }, "lists leaf 0, which an earlier erasure record lists")]
    public void A_record_listing_a_leaf_it_cannot_have_erased_is_a_divergence_at_its_own_leaf(long[] listed, string why)
    {
        var leaves = new ErasedLeaves();

        var divergence = Walk(leaves, Gone(0), Event(1), Erasure("t-1", 0), Erasure("t-2", listed), Gone(4));

        divergence.Should().NotBeNull();
        (divergence!.Index, divergence.EventId).Should().Be((3L, (string?)null));
        divergence.Reason.Should().Be($"the erasure record of request 't-2' (leaf 3) {why}: the log was changed after it was recorded");
    }

    [Fact]
    public void An_unreadable_entry_is_not_counted_as_erased()
    {
        var leaves = new ErasedLeaves();

        Walk(leaves, Gone(0) with { Unreadable = "cut" }).Should().BeNull();

        leaves.Unlisted.Should().Be(0, "the verification reports an unreadable record by itself");
    }

    private static ConsentLogDivergence? Walk(ErasedLeaves leaves, params ConsentLogEntry[] entries) =>
        entries.Select((e, i) => leaves.Add(e with { Index = i }, i)).FirstOrDefault(d => d is not null);

    private static ConsentLogEntry Gone(long index) => new(index, Leaf, null, null, null);

    private static ConsentLogEntry Event(long index)
    {
        var at = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        var e = new ConsentEvent
        {
            EventId = $"evt_{index}", Account = new AccountId("acme"), Number = SmsOptOut.Numbers.PhoneNumber.FromValue(14_155_550_000UL + (ulong)index), Kind = ConsentKind.OptOut,
            Source = OptOutSource.Keyword, OccurredAt = at, RecordedAt = at,
        };
        return new ConsentLogEntry(index, Leaf, e.EventId, e, new byte[16]);
    }

    private static ConsentLogEntry Erasure(string request, params long[] erased) =>
        new(0, Leaf, null, null, null) { Erasure = new ErasureRecord(new AccountId("acme"), request, "asked", DateTimeOffset.UnixEpoch) { ErasedLeaves = erased } };
}
