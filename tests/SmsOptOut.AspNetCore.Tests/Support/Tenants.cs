using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// A <see cref="LandingHost"/> with two tenants on their own link domains: acme (Acme Outdoor, acme.example, pages in
/// Spanish unless the visitor asks for another language) and globex (Globex Corporation, go.globex.example, German or
/// English only, German by default), each with its brand: acme's logo by URL, green accent, privacy and contact links;
/// globex's logo embedded, purple accent, a privacy link. The display names come from the account settings.
/// </summary>
internal static class Tenants
{
    public const string AcmeHost = "acme.example";
    public const string GlobexHost = "go.globex.example";
    public const string AcmeLogo = "https://cdn.acme.example/brand/logo.svg";
    public static readonly AccountId Acme = new("acme");

    /// <summary>Globex's embedded logo: a 1×1 PNG.</summary>
    public static readonly byte[] GlobexLogo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    public static readonly AccountId Globex = new("globex");

    public static Task<LandingHost> StartAsync(Action<SmsOptOutOptions>? core = null, Action<SmsOptOutEndpointOptions>? configure = null,
        Action<IServiceCollection>? services = null, TimeProvider? time = null) => LandingHost.StartAsync(
        services: services,
        time: time,
        configure: o =>
        {
            o.DisplayName = null;
            configure?.Invoke(o);
        },
        core: o =>
        {
            o.Accounts[Acme.Value] = new AccountSettings
            {
                DisplayName = "Acme Outdoor",
                Language = "es",
                Brand = new AccountBrand
                {
                    LogoUrl = new Uri(AcmeLogo),
                    AccentColor = "#1a5e20",
                    PrivacyPolicyUrl = new Uri("https://acme.example/privacy"),
                    ContactUrl = new Uri("https://acme.example/contact"),
                },
                Configure = c => c.LinkBaseUrl = new Uri($"https://{AcmeHost}/u/"),
            };
            o.Accounts[Globex.Value] = new AccountSettings
            {
                DisplayName = "Globex Corporation",
                Language = "de",
                Languages = { "de", "en" },
                Brand = new AccountBrand { Logo = GlobexLogo, AccentColor = "#7a1fa2", PrivacyPolicyUrl = new Uri("https://globex.example/datenschutz") },
                Configure = c => c.LinkBaseUrl = new Uri($"https://{GlobexHost}/u/"),
            };
            core?.Invoke(o);
        });

    /// <summary>Issues a real link of <paramref name="account"/> for <paramref name="number"/> and returns its token.</summary>
    public static async Task<string> TokenAsync(LandingHost host, AccountId account, PhoneNumber number) =>
        (await host.Services.GetRequiredService<IOptOutLinkGenerator>().CreateAsync(new OptOutLinkTarget(account, LandingHost.List, number))).Token;

    /// <summary>A GET of <paramref name="path"/> as a browser that opened it on <paramref name="host"/> in <paramref name="languages"/>.</summary>
    public static async Task<HttpResponseMessage> GetAsync(LandingHost landing, string host, string path, string? languages = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (languages is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(languages);
        }

        return await landing.Client.SendAsync(request);
    }
}
