using SmsOptOut.Storage.Redis.Internal;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The base-62 names of suppressions (key layout 5): fixed widths whose text order is the numbers' order, which the
/// sorted sets' lexicographic ranges (a number's suppressions, the listing by since) rely on.
/// </summary>
public sealed class SuppressionKeysTests
{
    [Fact]
    public void Numbers_and_instants_sort_as_text_as_they_do_as_numbers_and_read_back()
    {
        var random = new Random(37);
        var numbers = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64(1, 999_999_999_999_999)).Concat([0UL, 1UL, 61UL, 62UL, 999_999_999_999_999UL]).ToArray();
        var ticks = Enumerable.Range(0, 5_000).Select(_ => random.NextInt64(0, DateTimeOffset.MaxValue.UtcTicks)).Concat([0L, long.MaxValue, DateTimeOffset.MaxValue.UtcTicks]).ToArray();

        numbers.Select(SuppressionKeys.Number).Should().OnlyContain(t => t.Length == SuppressionKeys.NumberWidth);
        numbers.OrderBy(n => SuppressionKeys.Number(n), StringComparer.Ordinal).Should().Equal(numbers.Order());
        numbers.Select(n => SuppressionKeys.NumberOf(SuppressionKeys.Member(n, "news"))).Should().Equal(numbers);
        ticks.Select(SuppressionKeys.Since).Should().OnlyContain(t => t.Length == SuppressionKeys.SinceWidth);
        ticks.OrderBy(t => SuppressionKeys.Since(t), StringComparer.Ordinal).Should().Equal(ticks.Order());
        ticks.Select(t => SuppressionKeys.TicksOf(SuppressionKeys.Since(t))).Should().Equal(ticks);
        ticks.Select(t => SuppressionKeys.TicksOf(System.Text.Encoding.ASCII.GetBytes(SuppressionKeys.Since(t)))).Should().Equal(ticks);
    }

    [Fact]
    public void A_member_is_the_number_a_bar_and_the_list()
    {
        var member = SuppressionKeys.Member(12125550123, "spring-news");

        member.Should().Be(SuppressionKeys.Number(12125550123) + "|spring-news");
        SuppressionKeys.ListOf(member).Should().Be("spring-news");
        SuppressionKeys.ListOf(SuppressionKeys.Member(12125550123, string.Empty)).Should().BeEmpty();
    }

    [Fact]
    public void A_listing_member_sorts_by_since_to_the_microsecond_then_number_then_list_and_reads_back()
    {
        var random = new Random(71);
        (long Ticks, ulong Number, string List)[] entries = [.. Enumerable.Range(0, 5_000)
            .Select(_ => (Ticks: random.NextInt64(0, DateTimeOffset.MaxValue.UtcTicks), Number: (ulong)random.Next(1, 50), List: random.Next(3) switch { 0 => "", 1 => "news", _ => "ñews" }))
            .Concat([(0L, 1UL, ""), (9L, 1UL, ""), (10L, 1UL, ""), ((1L << 56) * 10, 999_999_999_999_999UL, ""), (DateTimeOffset.MaxValue.UtcTicks, 2UL, "x")])];

        var bytewise = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));
        entries.OrderBy(e => SuppressionKeys.ListingMember(e.Ticks, e.Number, e.List), bytewise)
            .Should().Equal(entries.OrderBy(e => Math.Min(e.Ticks / 10, (1L << 56) - 1)).ThenBy(e => e.Number).ThenBy(e => System.Text.Encoding.UTF8.GetBytes(e.List), bytewise));
        entries.Select(e => SuppressionKeys.ListingMember(e.Ticks, e.Number, e.List))
            .Should().OnlyContain(m => m.Length >= 2 * SuppressionKeys.ListingWidth);
        entries.Select(e => SuppressionKeys.NumberOfListing(SuppressionKeys.ListingMember(e.Ticks, e.Number, e.List))).Should().Equal(entries.Select(e => e.Number));
        entries.Select(e => SuppressionKeys.ListOfListing(SuppressionKeys.ListingMember(e.Ticks, e.Number, e.List))).Should().Equal(entries.Select(e => e.List));
        SuppressionKeys.ListingMember(12_345_678_901_234, 12125550123, string.Empty).Should().HaveCount(14, "an account-wide member fits a 16-byte allocation with its header");
        SuppressionKeys.ListingInstant(19).Should().Equal(SuppressionKeys.ListingMember(10, 5, "news")[..SuppressionKeys.ListingWidth]);
    }

    [Fact]
    public void A_listing_member_too_short_is_refused_with_what_was_expected()
    {
        var tooShort = () => SuppressionKeys.NumberOfListing(new byte[13]);

        tooShort.Should().Throw<FormatException>().WithMessage("*listing index in Redis is 13 bytes*at least 14*");
    }

    [Fact]
    public void Text_that_is_not_base_62_or_not_the_width_is_refused_with_what_was_expected()
    {
        var notBase62 = () => SuppressionKeys.NumberOf("0000-0012|news");
        var tooShort = () => SuppressionKeys.TicksOf("12"u8);
        var tooLarge = () => SuppressionKeys.TicksOf("zzzzzzzzzzz");

        notBase62.Should().Throw<FormatException>().WithMessage("*number in Redis is '0000-0012'*not base 62*");
        tooShort.Should().Throw<FormatException>().WithMessage("*since in Redis is '12'*11 base-62 characters*");
        tooLarge.Should().Throw<OverflowException>();
    }
}
