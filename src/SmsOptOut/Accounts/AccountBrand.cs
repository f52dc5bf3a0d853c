namespace SmsOptOut.Accounts;

/// <summary>
/// How an account's pages (the landing page) look: its logo, accent colour, privacy-policy and contact links. Give it in
/// <see cref="AccountSettings.Brand"/> or in configuration (<c>SmsOptOut:Accounts:&lt;id&gt;:Brand:…</c>, the embedded
/// <c>Logo</c> as base64). Checked with the account's other settings: an account whose brand breaks a rule fails with
/// <see cref="AccountSettingsException"/> naming it.
/// </summary>
public sealed class AccountBrand
{
    /// <summary>The largest embedded <see cref="Logo"/>, in bytes (12 KiB): it travels inside every page, which keeps within 20 KB.</summary>
    public const int MaxLogoBytes = 12 * 1024;

    /// <summary>
    /// The logo's absolute <c>https</c> URL. The page's Content-Security-Policy allows images from exactly this origin.
    /// An SVG logo is given this way (see <see cref="Logo"/>).
    /// </summary>
    public Uri? LogoUrl { get; set; }

    /// <summary>
    /// The logo embedded in the page: a PNG, JPEG or WebP image of at most <see cref="MaxLogoBytes"/>, recognised by its
    /// first bytes. Not an SVG: an SVG is a text document that can carry script, links and references to other resources,
    /// which its first bytes cannot vouch for; give an SVG by <see cref="LogoUrl"/>, from an origin you control.
    /// Give <see cref="LogoUrl"/> or this, not both.
    /// </summary>
    public byte[]? Logo { get; set; }

    /// <summary>
    /// The accent colour, <c>#rrggbb</c>: the button's background (with white text) and the links, on the page's white
    /// background. Refused below WCAG 2.2 AA's 4.5:1 contrast against white. Default: the page's own blue (#0b57d0).
    /// </summary>
    public string? AccentColor { get; set; }

    /// <summary>The account's privacy policy, an absolute <c>https</c> URL, linked from its pages.</summary>
    public Uri? PrivacyPolicyUrl { get; set; }

    /// <summary>Where people reach the account, an absolute <c>https</c> URL, linked from its pages.</summary>
    public Uri? ContactUrl { get; set; }

    /// <summary>The media type of the embedded <see cref="Logo"/> by its first bytes (<c>image/png</c>, <c>image/jpeg</c>, <c>image/webp</c>), or <see langword="null"/> when it is none of them.</summary>
    public string? LogoMediaType => Logo switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
