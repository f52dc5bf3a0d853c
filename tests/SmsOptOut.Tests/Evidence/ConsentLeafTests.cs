using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// The leaf form writes times exactly as docs/evidence.md specifies (<c>yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'</c>, in UTC)
/// whatever the offset or the tick, and the allocation-free match agrees with the leaf hash.
/// </summary>
public sealed class ConsentLeafTests
{
    private const string Documented = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static TheoryData<DateTimeOffset> Instants => new()
    {
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.FromHours(-5)).AddTicks(1),
        new DateTimeOffset(2026, 3, 29, 1, 59, 59, TimeSpan.FromHours(13)).AddTicks(9_999_999),
        new DateTimeOffset(1, 1, 1, 23, 0, 0, TimeSpan.FromHours(-14)),
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void A_time_is_written_in_utc_with_seven_decimals_as_documented(DateTimeOffset at)
    {
        var expected = at.UtcDateTime.ToString(Documented, CultureInfo.InvariantCulture);

        ConsentLeaf.Time(at).Should().Be(expected);
        var e = Event() with { OccurredAt = at, RecordedAt = at, PausedUntil = at };
        var form = Encoding.UTF8.GetString(ConsentLeaf.Form(e, new byte[ConsentLeaf.SaltSize]));
        form.Should().Contain($"28:{expected},28:{expected},28:{expected},", "occurred, recorded and paused-until, each a netstring of the documented text");
    }

    [Fact]
    public void The_allocation_free_match_agrees_with_the_leaf_hash_and_fails_on_any_change()
    {
        var e = Event();
        var salt = RandomNumberGenerator.GetBytes(ConsentLeaf.SaltSize);
        var leaf = ConsentLeaf.Hash(e, salt);

        leaf.Should().Equal(SHA256.HashData([0x00, .. ConsentLeaf.Form(e, salt)]));
        ConsentLeaf.Matches(e, salt, leaf).Should().BeTrue();
        ConsentLeaf.Matches(e with { Number = PhoneNumber.FromValue(14_155_550_101UL) }, salt, leaf).Should().BeFalse("another number");
        ConsentLeaf.Matches(e, RandomNumberGenerator.GetBytes(ConsentLeaf.SaltSize), leaf).Should().BeFalse("another salt");
        ConsentLeaf.Matches(e, salt, leaf.AsSpan(0, 31)).Should().BeFalse("a truncated leaf");
    }

    public static TheoryData<string?> Texts => new()
    {
        null, "", "STOP", "Arrêt ✋ «stop»", "🛑", "a\u0000b", new string('x', 10_000), "Ǆ" + new string('é', 333), "\u007f\u0080",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_form_is_the_documented_netstrings_of_the_fields_whatever_the_text(string? text)
    {
        var salt = RandomNumberGenerator.GetBytes(ConsentLeaf.SaltSize);
        var e = Event() with
        {
            EventId = "evt_" + text, Scope = SuppressionScope.List, List = new ListId("news"), Reverts = text, PausedUntil = DateTimeOffset.UnixEpoch.AddTicks(7),
            Evidence = new ConsentEvidence { MessageText = text, UserAgent = text, Note = text, DisclosureText = "", PageUrl = text is null ? null : "https://x.example/" + text },
        };

        // The reference: each field as text, then as a netstring of its UTF-8 bytes; an absent one as "-,".
        var expected = new List<byte>();
        foreach (var field in ConsentLeaf.Fields(e, Convert.ToHexStringLower(salt)))
        {
            expected.AddRange(field is null ? "-,"u8.ToArray() : [.. Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(field)}:"), .. Encoding.UTF8.GetBytes(field), (byte)',']);
        }

        ConsentLeaf.Form(e, salt).Should().Equal(expected);
        Encoding.UTF8.GetString(ConsentLeaf.Form(e, salt)).Should().StartWith($"{ConsentLeaf.Tag.Length}:{ConsentLeaf.Tag},32:{Convert.ToHexStringLower(salt)},");
    }

    private static ConsentEvent Event() => new()
    {
        EventId = "evt_1", Account = new AccountId("acme"), Number = PhoneNumber.FromValue(14_155_550_100UL), Kind = ConsentKind.OptOut,
        Source = OptOutSource.Keyword, OccurredAt = DateTimeOffset.UnixEpoch, RecordedAt = DateTimeOffset.UnixEpoch,
        Evidence = new ConsentEvidence { MessageText = "STOP" },
    };
}
