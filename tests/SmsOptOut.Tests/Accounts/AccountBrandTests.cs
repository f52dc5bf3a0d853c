using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;

namespace SmsOptOut.Tests.Accounts;

/// <summary>
/// An account's brand and page languages, from configuration (<c>SmsOptOut:Accounts:&lt;id&gt;:Brand:…</c>) and code,
/// checked with the account's other settings: https links, one logo (an embedded one small, PNG/JPEG/WebP by its first
/// bytes, never SVG), an accent colour with WCAG AA contrast against the white page, language tags.
/// </summary>
public sealed class AccountBrandTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_brand_from_configuration_is_read_with_its_logo_colour_and_links()
    {
        var accounts = Resolver(new()
        {
            ["SmsOptOut:Accounts:acme:Brand:LogoUrl"] = "https://cdn.acme.example/logo.svg",
            ["SmsOptOut:Accounts:acme:Brand:AccentColor"] = "#1a5e20",
            ["SmsOptOut:Accounts:acme:Brand:PrivacyPolicyUrl"] = "https://acme.example/privacy",
            ["SmsOptOut:Accounts:acme:Brand:ContactUrl"] = "https://acme.example/contact",
            ["SmsOptOut:Accounts:acme:Language"] = "es",
            ["SmsOptOut:Accounts:acme:Languages:0"] = "es",
            ["SmsOptOut:Accounts:acme:Languages:1"] = "en",
            ["SmsOptOut:Accounts:globex:Brand:Logo"] = Convert.ToBase64String(Png),
        });

        var acme = await accounts.GetAsync(new AccountId("acme"));
        var globex = await accounts.GetAsync(new AccountId("globex"));

        acme.Brand!.LogoUrl.Should().Be(new Uri("https://cdn.acme.example/logo.svg"));
        acme.Brand.AccentColor.Should().Be("#1a5e20");
        acme.Brand.PrivacyPolicyUrl.Should().Be(new Uri("https://acme.example/privacy"));
        acme.Brand.ContactUrl.Should().Be(new Uri("https://acme.example/contact"));
        acme.Language.Should().Be("es");
        acme.Languages.Should().Equal("es", "en");
        globex.Brand!.Logo.Should().Equal(Png);
        globex.Brand.LogoMediaType.Should().Be("image/png");
    }

    [Theory]
    [InlineData("#ffcc00", "1.51:1")]
    [InlineData("#777777", "4.47:1")]
    public async Task An_accent_colour_below_AA_contrast_is_refused_naming_the_account_the_colour_and_its_ratio(string color, string ratio)
    {
        var accounts = Resolver(new() { ["SmsOptOut:Accounts:pale:Brand:AccentColor"] = color, ["SmsOptOut:Accounts:grey:Brand:AccentColor"] = "#767676" });

        var resolve = () => accounts.GetAsync(new AccountId("pale")).AsTask();

        (await accounts.GetAsync(new AccountId("grey"))).Brand!.AccentColor.Should().Be("#767676", "the lightest grey that keeps 4.5:1 (4.54:1) on white is accepted");
        (await resolve.Should().ThrowAsync<AccountSettingsException>()).Which.Message.Should().Contain("account 'pale'").And.Contain(color).And.Contain(ratio).And.Contain("4.5:1");
    }

    [Fact]
    public async Task An_embedded_logo_too_large_of_another_type_or_an_SVG_is_refused_and_links_must_be_https()
    {
        var oversized = new byte[AccountBrand.MaxLogoBytes + 1];
        Png.CopyTo(oversized, 0);
        var accounts = Resolver(new(), o =>
        {
            o.Accounts["big"] = new AccountSettings { Brand = new AccountBrand { Logo = oversized } };
            o.Accounts["gif"] = new AccountSettings { Brand = new AccountBrand { Logo = "GIF89a\u0001\u0000"u8.ToArray() } };
            o.Accounts["svg"] = new AccountSettings { Brand = new AccountBrand { Logo = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() } };
            o.Accounts["http"] = new AccountSettings { Brand = new AccountBrand { PrivacyPolicyUrl = new Uri("http://acme.example/privacy"), LogoUrl = new Uri("https://cdn.example/l.png"), Logo = Png } };
            o.Accounts["tags"] = new AccountSettings { Language = "fr", Languages = { "de", "english" } };
        });

        (await Failures(accounts, "big")).Should().ContainSingle().Which.Should().Contain($"{AccountBrand.MaxLogoBytes + 1} bytes").And.Contain("12 KiB");
        (await Failures(accounts, "gif")).Should().ContainSingle().Which.Should().Contain("not a PNG, JPEG or WebP").And.Contain("474946383961");
        (await Failures(accounts, "svg")).Should().ContainSingle().Which.Should().Contain("SVG").And.Contain("LogoUrl");
        (await Failures(accounts, "http")).Should().HaveCount(2).And.Contain(f => f.Contains("must be an absolute https URL", StringComparison.Ordinal))
            .And.Contain("Brand: give LogoUrl or Logo, not both.");
        (await Failures(accounts, "tags")).Should().HaveCount(2).And.Contain(f => f.Contains("'english' is not a language tag", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("'fr' is not one of the account's Languages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_brand_key_or_unreadable_value_in_configuration_is_refused()
    {
        var accounts = Resolver(new()
        {
            ["SmsOptOut:Accounts:typo:Brand:LogoURI"] = "https://cdn.example/l.png",
            ["SmsOptOut:Accounts:typo:Brand:Logo"] = "not base64!",
            ["SmsOptOut:Accounts:typo:Brand:ContactUrl"] = "contact page",
        });

        (await Failures(accounts, "typo")).Should().HaveCount(3).And.Contain(f => f.Contains("LogoURI is not a brand setting", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Logo is not base64", StringComparison.Ordinal)).And.Contain(f => f.Contains("'contact page' is not an absolute URL", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> Failures(IAccountSettingsResolver accounts, string account)
    {
        var resolve = () => accounts.GetAsync(new AccountId(account)).AsTask();
        return (await resolve.Should().ThrowAsync<AccountSettingsException>()).Which.Failures;
    }

    private static IAccountSettingsResolver Resolver(Dictionary<string, string?> values, Action<SmsOptOutOptions>? configure = null)
    {
        values["SmsOptOut:LinkBaseUrl"] = "https://opt.example/u/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider().GetRequiredService<IAccountSettingsResolver>();
    }
}
