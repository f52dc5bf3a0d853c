using SmsOptOut.Accounts;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// An account's brand as its pages show it: the logo (by URL, or embedded as a <c>data:</c> URL), the accent colour on
/// the button and links, the privacy-policy and contact links; and what the page's CSP must then allow for images —
/// exactly the logo URL's origin, or <c>data:</c> for an embedded logo, nothing else.
/// </summary>
internal sealed record PageBrand(string Name, AccountBrand Brand, SmsOptOutPageTexts Texts)
{
    /// <summary>The brand of a verified link's account, or <see langword="null"/> for the plain page.</summary>
    public static PageBrand? For(ResolvedAccountSettings? account, string name, SmsOptOutPageTexts texts) =>
        account?.Brand is { } brand ? new PageBrand(name, brand, texts) : null;

    /// <summary>The logo's <c>src</c>, or <see langword="null"/> without a logo.</summary>
    public string? LogoSource => Brand.LogoUrl?.AbsoluteUri
        ?? (Brand.Logo is { } logo && Brand.LogoMediaType is { } type ? $"data:{type};base64,{Convert.ToBase64String(logo)}" : null);

    /// <summary>The CSP <c>img-src</c> source the logo needs: its URL's origin, <c>data:</c>, or <see langword="null"/>.</summary>
    public string? ImageSource => Brand.LogoUrl is { } url ? url.GetLeftPart(UriPartial.Authority) : LogoSource is null ? null : "data:";

    /// <summary>The style rules the accent colour adds (a validated <c>#rrggbb</c>), or an empty string.</summary>
    public string Style => Brand.AccentColor is { } color ? $"button{{background:{color}}}a{{color:{color}}}main{{border-top:.3rem solid {color}}}" : string.Empty;
}
