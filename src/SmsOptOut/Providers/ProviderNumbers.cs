using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>
/// Reads the numbers and addresses providers put in their webhooks, for provider authors: international numbers with or
/// without the leading <c>+</c> (Plivo's <c>14155552671</c>, Vonage's <c>msisdn</c>, Telnyx's <c>+14155552671</c>),
/// national numbers in the request's region, and on the account's side short codes and alphanumeric sender IDs.
/// </summary>
public static class ProviderNumbers
{
    /// <summary>Reads <paramref name="text"/> as an international number, or <see langword="null"/> when it is none.</summary>
    /// <param name="text">The provider's text.</param>
    /// <returns>The number, or <see langword="null"/>.</returns>
    public static PhoneNumber? Find(string? text) => Find(text, null);

    /// <summary>
    /// Reads <paramref name="text"/> as a person's number: international first (with or without <c>+</c>, as providers
    /// document), then as a national number of <paramref name="region"/>; <see langword="null"/> when it is neither.
    /// </summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="region">The region of a national number, or <see langword="null"/>.</param>
    /// <returns>The number, or <see langword="null"/>.</returns>
    public static PhoneNumber? Find(string? text, string? region) =>
        string.IsNullOrWhiteSpace(text) ? null
        : PhoneNumber.TryParse(text, null, out var number) || (IsDigits(text) && PhoneNumber.TryParse("+" + text.Trim(), null, out number))
            || (!string.IsNullOrEmpty(region) && PhoneNumber.TryParse(text, region, out number)) ? number
        : null;

    private static bool IsDigits(string text) => !text.AsSpan().Trim().ContainsAnyExceptInRange('0', '9');

    /// <summary>Reads <paramref name="text"/>, the value of <paramref name="field"/>, as an international number.</summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="field">The field it came from, named in the error.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">It is missing or not a number; the message names <paramref name="field"/> and what was expected.</exception>
    public static PhoneNumber Require(string? text, string field) => Require(text, field, null);

    /// <summary>
    /// Reads <paramref name="text"/>, the value of <paramref name="field"/>, as the number of the person who sent a
    /// message (see <see cref="Find(string?, string?)"/>).
    /// </summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="field">The field it came from, named in the error.</param>
    /// <param name="region">The region of a national number, or <see langword="null"/>.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">
    /// It is missing, not a number, or a short code or sender ID (which no person texts from); the message names
    /// <paramref name="field"/> and what was expected.
    /// </exception>
    public static PhoneNumber Require(string? text, string field, string? region)
    {
        if (Find(text, region) is { } number)
        {
            return number;
        }

        if (SenderAddress.TryParse(text, region, out var address) && address.Kind != SenderAddressKind.PhoneNumber)
        {
            throw new ArgumentException($"\"{field}\": '{address}' is {(address.Kind == SenderAddressKind.ShortCode ? "a short code" : "an alphanumeric sender ID")}, " +
                "not a person's phone number: a message from it carries no opt-out to record.");
        }

        _ = PhoneNumber.TryParse(text ?? string.Empty, region, out _, out var error);
        throw new ArgumentException($"\"{field}\": " + PhoneNumberErrorText.Describe(text ?? string.Empty, region, error == PhoneNumberParseError.None ? PhoneNumberParseError.NotANumber : error));
    }

    /// <summary>
    /// Reads <paramref name="text"/> as the account's own address (where a message was sent to): an international number
    /// (with or without <c>+</c>), a national number of <paramref name="region"/>, a short code of
    /// <paramref name="country"/> (or of <paramref name="region"/> when the provider names no country) or an alphanumeric
    /// sender ID; <see langword="null"/> when it is none of them.
    /// </summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="region">The host's default region, or <see langword="null"/>.</param>
    /// <param name="country">The country the provider gives for the address (Twilio's <c>ToCountry</c>), or <see langword="null"/>.</param>
    /// <returns>The address, or <see langword="null"/>.</returns>
    public static SenderAddress? FindSender(string? text, string? region, string? country = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var shortCodeRegion = !string.IsNullOrEmpty(country) && Numbers.Internal.PhoneNumberParser.IsKnownRegion(country) ? country : region;
        return SenderAddress.TryParse(text, shortCodeRegion, out var address, out _, out _, internationalFirst: true) ? address
            : SenderAddress.TryParse(text, null, out address, out _, out _, internationalFirst: true) ? address
            : null;
    }

    /// <summary>Reads <paramref name="text"/>, the value of <paramref name="field"/>, as the account's own address (see <see cref="FindSender"/>).</summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="field">The field it came from, named in the error.</param>
    /// <param name="region">The host's default region, or <see langword="null"/>.</param>
    /// <param name="country">The country the provider gives for the address, or <see langword="null"/>.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException">It is missing or none of the shapes; the message names <paramref name="field"/> and what was expected.</exception>
    public static SenderAddress RequireSender(string? text, string field, string? region, string? country = null)
    {
        if (FindSender(text, region, country) is { } address)
        {
            return address;
        }

        _ = SenderAddress.TryParse(text, region, out _, out var error, out var phoneError);
        throw new ArgumentException($"\"{field}\": " + SenderAddressFormatException.Describe(text, region, error, phoneError));
    }
}
