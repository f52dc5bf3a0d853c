using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>
/// Reads the numbers providers put in their webhooks, for provider authors: international, with or without the leading
/// <c>+</c> (Plivo's <c>14155552671</c>, Vonage's <c>msisdn</c>, Telnyx's <c>+14155552671</c>).
/// </summary>
public static class ProviderNumbers
{
    /// <summary>Reads <paramref name="text"/> as an international number, or <see langword="null"/> when it is none.</summary>
    /// <param name="text">The provider's text.</param>
    /// <returns>The number, or <see langword="null"/>.</returns>
    public static PhoneNumber? Find(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : PhoneNumber.TryParse(text, null, out var number) || PhoneNumber.TryParse("+" + text.Trim(), null, out number) ? number
        : null;

    /// <summary>Reads <paramref name="text"/>, the value of <paramref name="field"/>, as an international number.</summary>
    /// <param name="text">The provider's text.</param>
    /// <param name="field">The field it came from, named in the error.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">It is missing or not a number; the message names <paramref name="field"/> and what was expected.</exception>
    public static PhoneNumber Require(string? text, string field) =>
        Find(text) ?? throw new ArgumentException($"\"{field}\": " + PhoneNumberErrorText.Describe(text ?? string.Empty, null,
            PhoneNumber.TryParse(text ?? string.Empty, null, out _, out var error) ? PhoneNumberParseError.NotANumber : error));
}
