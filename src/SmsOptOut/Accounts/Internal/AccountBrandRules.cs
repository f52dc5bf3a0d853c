using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmsOptOut.Accounts.Internal;

/// <summary>
/// What an account's brand must be: links and logo URL absolute <c>https</c>; one logo, embedded ones small and a
/// bitmap recognised by its first bytes; an accent colour that keeps WCAG 2.2 AA contrast (4.5:1) with the white page
/// background and the white button text it is used with.
/// </summary>
internal static partial class AccountBrandRules
{
    /// <summary>The pages' background and button text, which the accent colour is used against.</summary>
    public const string White = "#ffffff";

    /// <summary>WCAG 2.2 AA's minimum contrast for text (success criterion 1.4.3).</summary>
    public const double MinimumContrast = 4.5;

    public static void Check(AccountBrand? brand, List<string> failures)
    {
        if (brand is null)
        {
            return;
        }

        Https(brand.LogoUrl, "Brand.LogoUrl", failures);
        Https(brand.PrivacyPolicyUrl, "Brand.PrivacyPolicyUrl", failures);
        Https(brand.ContactUrl, "Brand.ContactUrl", failures);
        if (brand.Logo is { } logo)
        {
            if (brand.LogoUrl is not null)
            {
                failures.Add("Brand: give LogoUrl or Logo, not both.");
            }

            if (logo.Length > AccountBrand.MaxLogoBytes)
            {
                failures.Add($"Brand.Logo: {logo.Length} bytes, more than the {AccountBrand.MaxLogoBytes} (12 KiB) a logo embedded in every page may have (it keeps the page within its 20 KB budget); make it smaller or give it by LogoUrl.");
            }
            else if (IsMarkup(logo))
            {
                failures.Add("Brand.Logo: an SVG (or other markup) cannot be embedded: it is a document that can carry script, links and references to other resources, which its first bytes cannot vouch for; give it by LogoUrl from an origin you control, or embed a PNG, JPEG or WebP.");
            }
            else if (brand.LogoMediaType is null)
            {
                failures.Add($"Brand.Logo: not a PNG, JPEG or WebP image (it begins {Convert.ToHexString(logo.AsSpan(0, Math.Min(8, logo.Length)))}).");
            }
        }

        if (brand.AccentColor is { } color)
        {
            if (!Hex().IsMatch(color))
            {
                failures.Add($"Brand.AccentColor: '{color}' is not a colour written #rrggbb.");
            }
            else if (Contrast(color, White) is var ratio and < MinimumContrast)
            {
                var shown = (Math.Floor(ratio * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture);
                failures.Add($"Brand.AccentColor: {color} has a contrast of {shown}:1 with the page background and the button text (white, {White}); WCAG 2.2 AA needs at least 4.5:1, so choose a darker shade.");
            }
        }
    }

    /// <summary>The WCAG contrast ratio of two <c>#rrggbb</c> colours, 1 to 21.</summary>
    public static double Contrast(string first, string second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>WCAG's relative luminance of a <c>#rrggbb</c> colour.</summary>
    private static double Luminance(string color)
    {
        static double Channel(string hex)
        {
            var c = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(color[1..3])) + (0.7152 * Channel(color[3..5])) + (0.0722 * Channel(color[5..7]));
    }

    /// <summary>Whether the bytes are text that begins with markup (<c>&lt;svg</c>, <c>&lt;?xml</c>), after a byte order mark and white space.</summary>
    private static bool IsMarkup(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 256)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<');
    }

    private static void Https(Uri? url, string name, List<string> failures)
    {
        if (url is not null && !(url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps))
        {
            failures.Add($"{name}: '{url}' must be an absolute https URL.");
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Hex();
}
