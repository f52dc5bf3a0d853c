using SmsOptOut.Storage;

namespace SmsOptOut.Tests.Storage;

/// <summary>The in-memory registry's open-addressing set: every value in, no other value, repeats counted once.</summary>
public sealed class NumberSetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(100_000)]
    public void It_holds_exactly_the_values_it_was_built_from(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => 10_000_000_000UL + (ulong)random.NextInt64(0, 90_000_000_000)).ToList();
        var others = Enumerable.Range(0, 10_000).Select(_ => 10_000_000_000UL + (ulong)random.NextInt64(0, 90_000_000_000)).Except(values).ToList();

        var set = new NumberSet([.. values, .. values.Take(count / 2)]);

        set.Count.Should().Be(values.Distinct().Count());
        values.Where(v => !set.Contains(v)).Should().BeEmpty();
        others.Where(set.Contains).Should().BeEmpty();
        set.Contains(0).Should().BeFalse("0 marks an empty slot and is never a number");
    }

    [Fact]
    public void Values_that_differ_only_in_their_high_bits_are_all_found()
    {
        // Multiples of 2^40: the multiplicative hash must spread them over the 16 slots, or probe past the ones taken.
        var values = Enumerable.Range(1, 7).Select(i => (ulong)i << 40).ToList();

        var set = new NumberSet(values);

        values.Where(v => !set.Contains(v)).Should().BeEmpty();
        set.Contains(8UL << 40).Should().BeFalse();
    }
}
