using System.Net;
using System.Reflection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The landing page in every language the keyword lists speak: each built-in language has every text in its own words,
/// <c>Accept-Language</c> picks one (in order of preference, without the host adding request localization), and an
/// account's own language and allowed languages are kept.
/// </summary>
public sealed class PageLanguageTests
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");

    private static readonly PropertyInfo[] TextProperties = typeof(SmsOptOutPageTexts).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(SmsOptOutPageTexts.Language)).ToArray();

    /// <summary>Texts that are the same word in English and the language (French and Dutch say "Contact" too).</summary>
    private static readonly HashSet<(string Language, string Text)> SameAsEnglish = [("fr", nameof(SmsOptOutPageTexts.ContactLink)), ("nl", nameof(SmsOptOutPageTexts.ContactLink))];

    [Fact]
    public void Every_built_in_language_has_every_text_in_its_own_words()
    {
        var builtIn = new SmsOptOutEndpointOptions().LocalizedTexts;
        var english = SmsOptOutPageTexts.English;

        builtIn.Keys.Prepend(english.Language).Should().BeEquivalentTo(["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru"], "every language the keyword lists read");
        TextProperties.Should().HaveCountGreaterThan(14);
        foreach (var (tag, texts) in builtIn)
        {
            texts.Language.Should().StartWith(tag, "its <html lang> names its language");
            foreach (var property in TextProperties)
            {
                var text = (string)property.GetValue(texts)!;
                var inEnglish = (string)property.GetValue(english)!;
                text.Should().NotBeNullOrWhiteSpace($"{tag}.{property.Name}");
                if (!SameAsEnglish.Contains((tag, property.Name)))
                {
                    text.Should().NotBe(inEnglish, $"{tag}.{property.Name} is written in {tag}, not left in English");
                }

                text.Contains("{0}", StringComparison.Ordinal).Should().Be(inEnglish.Contains("{0}", StringComparison.Ordinal), $"{tag}.{property.Name} names the account where English does");
            }
        }
    }

    [Theory]
    [InlineData("es-MX,es;q=0.9,en;q=0.5", "es", "Darme de baja")]
    [InlineData("it-IT", "it", "Annulla l’iscrizione")]
    [InlineData("pt-BR,pt;q=0.9", "pt-BR", "Cancelar inscrição")]
    [InlineData("nl-BE", "nl", "Afmelden")]
    [InlineData("pl", "pl", "Wypisz mnie")]
    [InlineData("ru-RU,ru;q=0.9", "ru", "Отписаться")]
    [InlineData("fr;q=0.3, de;q=0.8", "de", "Abbestellen")]
    [InlineData("ja, en-GB;q=0.5, fr;q=0.4", "en", "Unsubscribe")]
    [InlineData("sv", "en", "Unsubscribe")]
    public async Task Accept_language_picks_the_page_language_in_order_of_preference(string acceptLanguage, string lang, string button)
    {
        await using var host = await LandingHost.StartAsync();
        var token = await host.TokenAsync(Number);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/u/{token}");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        var html = await (await host.Client.SendAsync(request)).Content.ReadAsStringAsync();

        html.Should().Contain($"<html lang=\"{lang}\">").And.Contain($">{button}</button>");
    }

    [Fact]
    public async Task The_not_found_page_speaks_the_visitors_language_and_names_no_account()
    {
        await using var host = await Tenants.StartAsync();

        var response = await Tenants.GetAsync(host, Tenants.GlobexHost, "/u/NoSuchToken0000000", "pl");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("<html lang=\"pl\">").And.Contain(SmsOptOutPageTexts.Polish.NotFoundIntro)
            .And.NotContain("Globex").And.NotContain("lang=\"de\"", "the account's language is not applied to a page that names no account");
    }

    [Theory]
    [InlineData("acme", null, "es", "the account's own language when the visitor names none")]
    [InlineData("acme", "sv, nl;q=0.5", "nl", "the visitor's language wins when the account allows any")]
    [InlineData("globex", "fr-FR,fr;q=0.9", "de", "French is not one of globex's languages: its own language instead")]
    [InlineData("globex", "en-GB", "en", "English is one of globex's")]
    public async Task An_accounts_language_and_allowed_languages_are_kept(string account, string? acceptLanguage, string lang, string because)
    {
        await using var host = await Tenants.StartAsync();
        var tenant = account == "acme" ? Tenants.Acme : Tenants.Globex;
        var token = await Tenants.TokenAsync(host, tenant, Number);

        var response = await Tenants.GetAsync(host, account == "acme" ? Tenants.AcmeHost : Tenants.GlobexHost, $"/u/{token}", acceptLanguage);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"<html lang=\"{lang}\">", because);
    }
}
