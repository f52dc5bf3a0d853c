using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Tests.Numbers;

public class SenderAddressTests
{
    [Theory]
    [InlineData("+14155550100", null, SenderAddressKind.PhoneNumber, "+14155550100")]
    [InlineData("14155550100", null, SenderAddressKind.PhoneNumber, "+14155550100")]
    [InlineData("447700900000", "US", SenderAddressKind.PhoneNumber, "+447700900000")]
    [InlineData("(646) 555-1300", "US", SenderAddressKind.PhoneNumber, "+16465551300")]
    [InlineData("6465551300", "US", SenderAddressKind.PhoneNumber, "+16465551300")]
    [InlineData("tel:+1-800-555-0100", null, SenderAddressKind.PhoneNumber, "+18005550100")]
    [InlineData("12345", "US", SenderAddressKind.ShortCode, "US:12345")]
    [InlineData("12345", "us", SenderAddressKind.ShortCode, "US:12345")]
    [InlineData("12345", null, SenderAddressKind.ShortCode, "12345")]
    [InlineData("US:12345", null, SenderAddressKind.ShortCode, "US:12345")]
    [InlineData("gb:60123", "US", SenderAddressKind.ShortCode, "GB:60123")]
    [InlineData("012345", "FR", SenderAddressKind.ShortCode, "FR:012345")]
    [InlineData("123", "DE", SenderAddressKind.ShortCode, "DE:123")]
    [InlineData("91234567", "US", SenderAddressKind.ShortCode, "US:91234567")]
    [InlineData("91234567", "SG", SenderAddressKind.PhoneNumber, "+6591234567")]
    [InlineData("ACME", null, SenderAddressKind.Alphanumeric, "ACME")]
    [InlineData("  Acme Shoes ", "US", SenderAddressKind.Alphanumeric, "Acme Shoes")]
    [InlineData("Shop-24.de", null, SenderAddressKind.Alphanumeric, "Shop-24.de")]
    [InlineData("A", null, SenderAddressKind.Alphanumeric, "A")]
    [InlineData("12345678901", null, SenderAddressKind.PhoneNumber, "+12345678901")]
    public void Reads_each_kind_of_address_to_its_canonical_text(string input, string? region, SenderAddressKind kind, string canonical)
    {
        var address = SenderAddress.Parse(input, region);

        address.Kind.Should().Be(kind);
        address.ToString().Should().Be(canonical);
        SenderAddress.Parse(canonical).Should().Be(address, "the canonical text reads back to the same address");
    }

    [Theory]
    [InlineData("", null, SenderAddressParseError.Empty, "it is empty")]
    [InlineData("   ", "US", SenderAddressParseError.Empty, "it is empty")]
    [InlineData(null, null, SenderAddressParseError.Empty, "(null)")]
    [InlineData("ACME SHOES12", null, SenderAddressParseError.AlphanumericTooLong, "at most 11 characters")]
    [InlineData("AC:ME", null, SenderAddressParseError.InvalidCharacter, "ASCII letters")]
    [InlineData("ÄCME", null, SenderAddressParseError.InvalidCharacter, "ASCII letters")]
    [InlineData("ACME\u200B", null, SenderAddressParseError.InvalidCharacter, "ASCII letters")]
    [InlineData("12345", "XX", SenderAddressParseError.UnknownRegion, "country is not an ISO 3166-1")]
    [InlineData("QQ:12345", null, SenderAddressParseError.UnknownRegion, "country is not an ISO 3166-1")]
    [InlineData("12", "US", SenderAddressParseError.InvalidPhoneNumber, "'12'")]
    [InlineData("+999 555", null, SenderAddressParseError.InvalidPhoneNumber, "country calling code does not exist")]
    [InlineData("(646) 555-1300", null, SenderAddressParseError.InvalidPhoneNumber, "no country code")]
    public void Refuses_what_is_no_address_and_says_why(string? input, string? region, SenderAddressParseError error, string reason)
    {
        SenderAddress.TryParse(input, region, out var address, out var actual).Should().BeFalse();

        actual.Should().Be(error);
        address.IsEmpty.Should().BeTrue();
        var parse = () => SenderAddress.Parse(input!, region);
        parse.Should().Throw<SenderAddressFormatException>().Which.Message.Should().Contain("sender address").And.Contain(reason)
            .And.Contain(region is null ? "no default region" : "default region " + region);
    }

    [Fact]
    public void A_phone_number_converts_to_the_same_address_and_back()
    {
        var number = PhoneNumber.Parse("+18005550100");
        SenderAddress address = number;

        address.Should().Be(SenderAddress.FromPhoneNumber(number)).And.Be(SenderAddress.Parse("+1 800 555 0100"));
        address.PhoneNumber.Should().Be(number);
        address.Region.Should().BeNull();
        address.ToProviderString().Should().Be("18005550100");
        address.GetHashCode().Should().Be(SenderAddress.Parse("18005550100").GetHashCode());
    }

    [Fact]
    public void Short_codes_of_two_countries_and_sender_ids_in_two_cases_are_different_addresses()
    {
        SenderAddress.ShortCode("12345", "US").Should().NotBe(SenderAddress.ShortCode("12345", "CA"));
        SenderAddress.ShortCode("12345", "US").Should().NotBe(SenderAddress.ShortCode("12345", null));
        SenderAddress.ShortCode("012345", "US").Should().NotBe(SenderAddress.ShortCode("12345", "US"), "a leading zero is part of the code");
        SenderAddress.Alphanumeric("ACME").Should().NotBe(SenderAddress.Alphanumeric("Acme"), "a sender ID is shown as sent");
        SenderAddress.Alphanumeric("ACME").Should().Be(SenderAddress.Parse("ACME"));
        SenderAddress.ShortCode("12345", "US").Should().NotBe((SenderAddress)PhoneNumber.Parse("+12345678901"));
    }

    [Fact]
    public void A_short_code_keeps_its_digits_and_country()
    {
        var code = SenderAddress.ShortCode("012345", "fr");

        code.Kind.Should().Be(SenderAddressKind.ShortCode);
        code.Region.Should().Be("FR");
        code.ToProviderString().Should().Be("012345");
        code.PhoneNumber.Should().BeNull();
        code.IsTollFree.Should().BeFalse();
    }

    [Theory]
    [InlineData("+18005550100", true)]
    [InlineData("+18885550100", true)]
    [InlineData("+18335550100", true)]
    [InlineData("+14155550100", false)]
    [InlineData("+18095550100", false)]
    [InlineData("+448001234567", true)]
    [InlineData("+442079460958", false)]
    public void Knows_toll_free_numbers(string number, bool tollFree) =>
        SenderAddress.Parse(number).IsTollFree.Should().Be(tollFree);

    [Fact]
    public void The_factories_refuse_bad_input_with_the_reason()
    {
        var empty = () => SenderAddress.FromPhoneNumber(default);
        var shortCode = () => SenderAddress.ShortCode("12a45", "US");
        var senderId = () => SenderAddress.Alphanumeric("ACME SHOES 24");

        empty.Should().Throw<ArgumentException>().WithMessage("*empty*");
        shortCode.Should().Throw<SenderAddressFormatException>().Which.Error.Should().Be(SenderAddressParseError.InvalidPhoneNumber);
        senderId.Should().Throw<SenderAddressFormatException>().Which.Error.Should().Be(SenderAddressParseError.AlphanumericTooLong);
        default(SenderAddress).IsEmpty.Should().BeTrue();
        default(SenderAddress).ToString().Should().BeEmpty();
    }

    [Fact]
    public void A_huge_input_is_refused_without_echoing_all_of_it()
    {
        var huge = new string('7', 10_000);

        var parse = () => SenderAddress.Parse(huge, "US");

        parse.Should().Throw<SenderAddressFormatException>().Which.Message.Length.Should().BeLessThan(400);
    }

    [Theory]
    [InlineData("12345", "US", null, "US:12345")]
    [InlineData("12345", "US", "CA", "CA:12345")]
    [InlineData("12345", "US", "not a country", "US:12345")]
    [InlineData("18005550100", "GB", null, "+18005550100")]
    [InlineData("+18005550100", null, null, "+18005550100")]
    [InlineData("ACME", null, null, "ACME")]
    public void Provider_readers_find_the_accounts_address_in_each_shape(string text, string? region, string? country, string expected) =>
        ProviderNumbers.FindSender(text, region, country)!.Value.ToString().Should().Be(expected);

    [Theory]
    [InlineData("14155552671", null, "+14155552671")]
    [InlineData("+14155552671", "GB", "+14155552671")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    public void Provider_readers_read_a_persons_number_international_first_then_national(string text, string? region, string expected) =>
        ProviderNumbers.Require(text, "From", region).ToString().Should().Be(expected);

    [Theory]
    [InlineData("54321", "short code")]
    [InlineData("ACME", "alphanumeric sender ID")]
    public void A_message_from_a_short_code_or_sender_id_is_named_as_such(string text, string kind)
    {
        var read = () => ProviderNumbers.Require(text, "From", "US");

        read.Should().Throw<ArgumentException>().WithMessage($"\"From\": '*' is a{(kind.StartsWith('a') ? "n" : "")} {kind}, not a person's phone number*");
    }
}
