using SmsOptOut.Messages;
using SmsOptOut.Messages.Internal;

namespace SmsOptOut.Tests.Messages;

/// <summary>Expected values worked out from GSM 03.38 (3GPP TS 23.038) and the concatenation header of 3GPP TS 23.040.</summary>
public class SmsSegmentCalculatorTests
{
    public static TheoryData<string, string, SmsEncoding, int, int> Table() => new()
    {
        // name, text, encoding, units, segments
        { "empty", "", SmsEncoding.Gsm7, 0, 0 },
        { "plain", "Hello", SmsEncoding.Gsm7, 5, 1 },
        { "160 basic", new string('a', 160), SmsEncoding.Gsm7, 160, 1 },
        { "161 basic", new string('a', 161), SmsEncoding.Gsm7, 161, 2 },
        { "306 basic", new string('a', 306), SmsEncoding.Gsm7, 306, 2 },
        { "307 basic", new string('a', 307), SmsEncoding.Gsm7, 307, 3 },
        { "459 basic", new string('a', 459), SmsEncoding.Gsm7, 459, 3 },
        { "460 basic", new string('a', 460), SmsEncoding.Gsm7, 460, 4 },
        { "euro counts 2", "€", SmsEncoding.Gsm7, 2, 1 },
        { "every extension char", "^{}\\[~]|€\f", SmsEncoding.Gsm7, 20, 1 },
        { "159 + euro = 161 septets", new string('a', 159) + "€", SmsEncoding.Gsm7, 161, 2 },
        { "158 + euro = 160 septets", new string('a', 158) + "€", SmsEncoding.Gsm7, 160, 1 },
        { "80 euros = 160 septets", new string('€', 80), SmsEncoding.Gsm7, 160, 1 },
        { "81 euros = 162 septets", new string('€', 81), SmsEncoding.Gsm7, 162, 2 },
        { "escape pair not split at 153", new string('a', 152) + "€" + new string('a', 152), SmsEncoding.Gsm7, 306, 3 },
        { "escape pair fits exactly", new string('a', 151) + "€" + new string('a', 153), SmsEncoding.Gsm7, 306, 2 },
        { "basic-table specials", "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", SmsEncoding.Gsm7, 44, 1 },
        { "caret", "2^10", SmsEncoding.Gsm7, 5, 1 },
        { "brace", "{x}", SmsEncoding.Gsm7, 5, 1 },
        { "lowercase c-cedilla is not GSM", "ç", SmsEncoding.Ucs2, 1, 1 },
        { "backtick is not GSM", "`", SmsEncoding.Ucs2, 1, 1 },
        { "one non-GSM switches all", new string('a', 100) + "ł", SmsEncoding.Ucs2, 101, 2 },
        { "70 UCS-2", new string('ł', 70), SmsEncoding.Ucs2, 70, 1 },
        { "71 UCS-2", new string('ł', 71), SmsEncoding.Ucs2, 71, 2 },
        { "134 UCS-2", new string('ł', 134), SmsEncoding.Ucs2, 134, 2 },
        { "135 UCS-2", new string('ł', 135), SmsEncoding.Ucs2, 135, 3 },
        { "emoji is a surrogate pair", "👍", SmsEncoding.Ucs2, 2, 1 },
        { "35 emoji = 70 units", string.Concat(Enumerable.Repeat("👍", 35)), SmsEncoding.Ucs2, 70, 1 },
        { "36 emoji: pairs not split", string.Concat(Enumerable.Repeat("👍", 36)), SmsEncoding.Ucs2, 72, 2 },
        { "pair at 67 boundary moves", new string('ł', 66) + "👍" + "ł", SmsEncoding.Ucs2, 69, 1 },
        { "pair straddling 67 moves to next", new string('ł', 66) + "👍" + new string('ł', 5), SmsEncoding.Ucs2, 73, 2 },
        { "pair straddling, 134 fill", new string('ł', 66) + "👍" + new string('ł', 66), SmsEncoding.Ucs2, 134, 3 },
        { "cyrillic", "СТОП", SmsEncoding.Ucs2, 4, 1 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Counts_segments_per_GSM_03_38(string name, string text, SmsEncoding encoding, int units, int segments)
    {
        SmsSegmentCalculator.Calculate(text).Should().Be(new SmsSegmentInfo(encoding, units, segments), name);
    }

    [Fact]
    public void The_basic_table_has_the_127_printable_GSM_characters_and_the_extension_table_10()
    {
        Gsm7.Basic.Length.Should().Be(127, "128 positions minus the escape");
        Gsm7.Basic.Distinct().Should().HaveCount(127);
        Gsm7.Extension.Length.Should().Be(10);
        SmsSegmentCalculator.IsGsm7(Gsm7.Basic + Gsm7.Extension).Should().BeTrue();
    }
}
