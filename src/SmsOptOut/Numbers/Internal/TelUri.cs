namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// Reads RFC 3966 <c>tel:</c> URIs, the form CRMs and contact cards export (<c>tel:+1-415-555-2671</c>): the number
/// with its visual separators, and a <c>phone-context</c> for local numbers. An extension or ISDN subaddress is refused,
/// because a text message cannot reach a line behind the number.
/// </summary>
internal static class TelUri
{
    private const string Scheme = "tel:";

    public static bool IsTelUri(ReadOnlySpan<char> text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits a <c>tel:</c> URI into the number text to parse, or says why it names no textable number.</summary>
    /// <param name="uri">The URI, starting with <c>tel:</c>.</param>
    /// <param name="number">The subscriber part, prefixed with a global <c>phone-context</c> when the number is local.</param>
    /// <param name="domainContext">Whether the number is local to a domain context, so only a default region can place it.</param>
    /// <returns><see cref="PhoneNumberParseError.None"/>, or the reason.</returns>
    public static PhoneNumberParseError Split(ReadOnlySpan<char> uri, out string number, out bool domainContext)
    {
        var rest = uri[Scheme.Length..];
        var semicolon = rest.IndexOf(';');
        var subscriber = (semicolon < 0 ? rest : rest[..semicolon]).Trim();
        number = subscriber.ToString();
        domainContext = false;
        if (subscriber.IsEmpty)
        {
            return PhoneNumberParseError.Empty;
        }

        var parameters = semicolon < 0 ? ReadOnlySpan<char>.Empty : rest[(semicolon + 1)..];
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range];
            var equals = parameter.IndexOf('=');
            var name = (equals < 0 ? parameter : parameter[..equals]).Trim();
            var value = equals < 0 ? ReadOnlySpan<char>.Empty : parameter[(equals + 1)..].Trim();
            if (name.Equals("ext", StringComparison.OrdinalIgnoreCase) || name.Equals("isub", StringComparison.OrdinalIgnoreCase))
            {
                return PhoneNumberParseError.Extension;
            }

            if (name.Equals("phone-context", StringComparison.OrdinalIgnoreCase) && subscriber[0] != '+')
            {
                if (value.StartsWith('+'))
                {
                    number = string.Concat(value, subscriber);
                }
                else
                {
                    domainContext = true;
                }
            }
        }

        return PhoneNumberParseError.None;
    }
}
