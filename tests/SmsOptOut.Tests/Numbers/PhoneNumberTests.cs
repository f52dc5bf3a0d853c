using PhoneNumbers;
using SmsOptOut.Numbers;
using SmsOptOut.Numbers.Internal;
using PhoneNumber = SmsOptOut.Numbers.PhoneNumber;

namespace SmsOptOut.Tests.Numbers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+1 (415) 555-2671", null, "+14155552671")]
    [InlineData("+14155552671", null, "+14155552671")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("1-415-555-2671", "US", "+14155552671")]
    [InlineData("0044 20 7946 0958", "GB", "+442079460958")]
    [InlineData("0044 20 7946 0958", "DE", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", null, "+442079460958")]
    [InlineData("+49 176 1234 5678", null, "+4917612345678")]
    [InlineData("0176 12345678", "de", "+4917612345678")]
    [InlineData("+39 06 1234 5678", null, "+390612345678")]
    [InlineData("  +33 6 12 34 56 78  ", null, "+33612345678")]
    [InlineData("+４９ １７６ １２３４ ５６７８", null, "+4917612345678")]
    [InlineData("+1 555 555 5555", null, "+15555555555")]
    public void Parses_human_formats_to_one_E164_value(string input, string? region, string expected)
    {
        var number = PhoneNumber.Parse(input, region);

        number.ToString().Should().Be(expected);
        number.Value.Should().Be(ulong.Parse(expected[1..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Equal_numbers_in_different_formats_are_equal_and_hash_alike()
    {
        var a = PhoneNumber.Parse("+44 20 7946 0958");
        var b = PhoneNumber.Parse("020 7946 0958", "GB");
        var c = PhoneNumber.Parse("0044-20-7946-0958", "FR");

        a.Should().Be(b).And.Be(c);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(c.GetHashCode());
        new HashSet<PhoneNumber> { a, b, c }.Should().ContainSingle();
        (a != PhoneNumber.Parse("+442079460959")).Should().BeTrue();
    }

    [Fact]
    public void A_possible_number_is_accepted_even_where_libphonenumber_calls_it_invalid()
    {
        var util = PhoneNumberUtil.GetInstance();
        util.IsValidNumber(util.Parse("+15555555555", null)).Should().BeFalse("555-5555 is not an assigned range");

        PhoneNumber.TryParse("+15555555555", null, out var number).Should().BeTrue();
        number.ToString().Should().Be("+15555555555");
    }

    [Theory]
    [InlineData("", "US", PhoneNumberParseError.Empty)]
    [InlineData("   ", "US", PhoneNumberParseError.Empty)]
    [InlineData("call me", "US", PhoneNumberParseError.NotANumber)]
    [InlineData("+1 800 FLOWERS", null, PhoneNumberParseError.NotANumber)]
    [InlineData("415 555 2671 ext. 12", "US", PhoneNumberParseError.NotANumber)]
    [InlineData("+1 415", null, PhoneNumberParseError.TooShort)]
    [InlineData("12", "US", PhoneNumberParseError.TooShort)]
    [InlineData("+49 176 1234 5678 9012 3456", null, PhoneNumberParseError.TooLong)]
    [InlineData("+999 1234 5678", null, PhoneNumberParseError.InvalidCountryCode)]
    [InlineData("+0 1234 5678", null, PhoneNumberParseError.InvalidCountryCode)]
    [InlineData("020 7946 0958", null, PhoneNumberParseError.MissingRegion)]
    [InlineData("020 7946 0958", "XX", PhoneNumberParseError.UnknownRegion)]
    [InlineData("+61 2222 2222 222", null, PhoneNumberParseError.InvalidLength)]
    public void Invalid_input_is_refused_with_the_reason(string input, string? region, PhoneNumberParseError expected)
    {
        PhoneNumber.TryParse(input, region, out var number, out var error).Should().BeFalse();

        error.Should().Be(expected);
        number.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("tel:+1-415-555-2671", null, "+14155552671")]
    [InlineData("tel:+14155552671", null, "+14155552671")]
    [InlineData("TEL:+1.415.555.2671", null, "+14155552671")]
    [InlineData("tel:+1(415)555-2671", null, "+14155552671")]
    [InlineData("  tel:+49-176-1234-5678  ", null, "+4917612345678")]
    [InlineData("tel:+44-20-7946-0958;foo=bar", null, "+442079460958")]
    [InlineData("tel:555-2671;phone-context=+1-415", null, "+14155552671")]
    [InlineData("tel:020-7946-0958;phone-context=example.co.uk", "GB", "+442079460958")]
    public void Reads_tel_URIs_with_or_without_visual_separators(string input, string? region, string expected)
    {
        PhoneNumber.Parse(input, region).ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("tel:+1-415-555-2671;ext=1234", null, PhoneNumberParseError.Extension)]
    [InlineData("tel:+1-415-555-2671;EXT=1", null, PhoneNumberParseError.Extension)]
    [InlineData("tel:+1-415-555-2671;isub=1411", null, PhoneNumberParseError.Extension)]
    [InlineData("tel:", null, PhoneNumberParseError.Empty)]
    [InlineData("tel:;ext=1", null, PhoneNumberParseError.Empty)]
    [InlineData("tel:7042;phone-context=example.com", null, PhoneNumberParseError.MissingRegion)]
    [InlineData("tel:+1-800-FLOWERS", null, PhoneNumberParseError.NotANumber)]
    [InlineData("tel:+999-1234-5678", null, PhoneNumberParseError.InvalidCountryCode)]
    public void Refuses_tel_URIs_that_name_no_textable_number(string input, string? region, PhoneNumberParseError expected)
    {
        PhoneNumber.TryParse(input, region, out var number, out var error).Should().BeFalse();

        error.Should().Be(expected);
        number.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void A_tel_URI_with_an_extension_is_refused_with_a_message_that_says_why()
    {
        var act = () => PhoneNumber.Parse("tel:+1-415-555-2671;ext=1234");

        act.Should().Throw<PhoneNumberFormatException>()
            .WithMessage("Cannot read 'tel:+1-415-555-2671;ext=1234' as a phone number (no default region): it carries an extension*cannot reach*");
    }

    [Fact]
    public void Parse_throws_an_error_that_names_the_input_the_region_and_the_reason()
    {
        var act = () => PhoneNumber.Parse("020 79A6 0958", "GB");

        act.Should().Throw<PhoneNumberFormatException>()
            .Where(e => e.Input == "020 79A6 0958" && e.Region == "GB" && e.Error == PhoneNumberParseError.NotANumber)
            .WithMessage("Cannot read '020 79A6 0958' as a phone number (default region GB): it is not a phone number*");
    }

    [Theory]
    [InlineData("US", "011")]
    [InlineData("JP", "010")]
    [InlineData("au", "0011")]
    public void A_00_prefix_where_the_region_dials_another_says_which_prefix_works_there(string region, string prefix)
    {
        var act = () => PhoneNumber.Parse("0044 20 7946 0958", region);

        act.Should().Throw<PhoneNumberFormatException>()
            .WithMessage($"Cannot read '0044 20 7946 0958' as a phone number (default region {region}): *; in {region.ToUpperInvariant()} international numbers start with + or {prefix}, not 00.");
        PhoneNumber.Parse(prefix + " 44 20 7946 0958", region).ToString().Should().Be("+442079460958", "the prefix the message names works");
    }

    [Fact]
    public void Errors_without_a_00_prefix_or_where_00_is_the_prefix_carry_no_hint()
    {
        PhoneNumberErrorText.Describe("12", "US", PhoneNumberParseError.TooShort).Should().NotContain("international");
        PhoneNumberErrorText.Describe("0044 12", "GB", PhoneNumberParseError.TooShort).Should().NotContain("international");
        PhoneNumberErrorText.Describe("0044 12", null, PhoneNumberParseError.TooShort).Should().NotContain("international");
    }

    [Fact]
    public void Null_and_huge_inputs_are_refused_quickly()
    {
        PhoneNumber.TryParse((string?)null, "US", out _).Should().BeFalse();
        var huge = new string('1', 100_000);
        PhoneNumber.TryParse(huge, "US", out _, out var error).Should().BeFalse();
        error.Should().Be(PhoneNumberParseError.TooLong);
        FluentActions.Invoking(() => PhoneNumber.Parse(huge, "US")).Should().Throw<PhoneNumberFormatException>()
            .Which.Message.Length.Should().BeLessThan(300, "the message quotes a bounded part of the input");
    }

    [Fact]
    public void The_fast_path_agrees_with_libphonenumber_on_random_E164_strings()
    {
        var util = PhoneNumberUtil.GetInstance();
        var codes = util.GetSupportedCallingCodes().ToArray();
        var random = new Random(42);
        int fast = 0, slowOnly = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var code = codes[random.Next(codes.Length)];
            var length = random.Next(1, 15);
            var digits = string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
            var text = $"+{code}{digits}";

            var slowError = PhoneNumberParser.ParseWithLibPhoneNumber(text, null, out var slowValue);
            if (PhoneNumberParser.TryParseE164(text, out var fastValue))
            {
                fast++;
                slowError.Should().Be(PhoneNumberParseError.None, "libphonenumber must accept {0}, which the fast path accepted", text);
                fastValue.Should().Be(slowValue, "both paths must read {0} the same", text);
            }
            else
            {
                slowOnly++;
                PhoneNumber.TryParse(text, null, out var number, out var error).Should().Be(slowError == PhoneNumberParseError.None);
                error.Should().Be(slowError);
                number.Value.Should().Be(slowValue);
            }
        }

        fast.Should().BeGreaterThan(1_000, "the fast path must actually be taken");
        slowOnly.Should().BeGreaterThan(1_000);
    }

    [Fact]
    public void FromValue_round_trips_and_refuses_impossible_values()
    {
        var number = PhoneNumber.Parse("+4917612345678");

        PhoneNumber.FromValue(number.Value).Should().Be(number);
        FluentActions.Invoking(() => PhoneNumber.FromValue(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PhoneNumber.FromValue(1_234_567_890_123_456)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at most 15 digits*");
        FluentActions.Invoking(() => PhoneNumber.FromValue(99_912_345)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("+4917612345678", 49, "+49 ••• ••• 5678")]
    [InlineData("+14155552671", 1, "+1 ••• ••• 2671")]
    [InlineData("+35312345678", 353, "+353 ••• ••• 5678")]
    public void Masking_keeps_only_the_country_code_and_the_last_four_digits(string input, int code, string masked)
    {
        var number = PhoneNumber.Parse(input);

        number.CountryCode.Should().Be(code);
        number.ToMaskedString().Should().Be(masked);
    }

    [Fact]
    public void Formatting_writes_E164_to_chars_and_utf8()
    {
        var number = PhoneNumber.Parse("+4917612345678");
        Span<char> chars = stackalloc char[32];
        Span<byte> bytes = stackalloc byte[32];

        number.TryFormat(chars, out var written, default, null).Should().BeTrue();
        chars[..written].ToString().Should().Be("+4917612345678");
        number.TryFormat(bytes, out var byteCount, default, null).Should().BeTrue();
        System.Text.Encoding.UTF8.GetString(bytes[..byteCount]).Should().Be("+4917612345678");
        number.TryFormat(chars[..5], out _, default, null).Should().BeFalse();
        $"{number}".Should().Be("+4917612345678");
        default(PhoneNumber).ToString().Should().BeEmpty();
    }

    [Fact]
    public void Numbers_order_by_their_digits()
    {
        var numbers = new[] { "+4917612345678", "+14155552671", "+442079460958" }.Select(n => PhoneNumber.Parse(n)).Order().ToArray();

        numbers.Select(n => n.ToString()).Should().Equal("+14155552671", "+442079460958", "+4917612345678");
        (numbers[0] < numbers[1]).Should().BeTrue();
    }
}
