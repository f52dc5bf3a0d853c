using System.Net;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Each tenant's page carries its own brand — logo, accent colour, privacy-policy and contact links, in the page's
/// language — and a Content-Security-Policy that allows images from exactly the logo's origin (or <c>data:</c> for an
/// embedded logo) and nothing else; the neutral 404 carries no brand and allows no images.
/// </summary>
public sealed class TenantBrandTests
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+14155552671");

    [Fact]
    public async Task Each_tenants_page_shows_its_logo_colour_and_links_and_its_CSP_allows_exactly_its_logos_origin()
    {
        await using var host = await Tenants.StartAsync();
        var acmeToken = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        var globexToken = await Tenants.TokenAsync(host, Tenants.Globex, Number);

        var acme = await Tenants.GetAsync(host, Tenants.AcmeHost, $"/u/{acmeToken}");
        var globex = await Tenants.GetAsync(host, Tenants.GlobexHost, $"/u/{globexToken}");
        var acmeHtml = await acme.Content.ReadAsStringAsync();
        var globexHtml = await globex.Content.ReadAsStringAsync();

        acmeHtml.Should().Contain($"<img class=\"logo\" src=\"{Tenants.AcmeLogo}\" alt=\"Acme Outdoor\">")
            .And.Contain("button{background:#1a5e20}")
            .And.Contain("<a href=\"https://acme.example/privacy\" rel=\"noopener\">Política de privacidad</a>")
            .And.Contain("<a href=\"https://acme.example/contact\" rel=\"noopener\">Contacto</a>")
            .And.NotContain("#7a1fa2").And.NotContain("data:");
        Csp(acme).Should().Contain("img-src https://cdn.acme.example;").And.NotContain("data:").And.NotContain("globex");
        Csp(acme).Split(';').Single(d => d.Trim().StartsWith("img-src", StringComparison.Ordinal)).Trim().Should().Be("img-src https://cdn.acme.example");

        globexHtml.Should().Contain($"<img class=\"logo\" src=\"data:image/png;base64,{Convert.ToBase64String(Tenants.GlobexLogo)}\" alt=\"Globex Corporation\">")
            .And.Contain("button{background:#7a1fa2}")
            .And.Contain("<a href=\"https://globex.example/datenschutz\" rel=\"noopener\">Datenschutzerklärung</a>")
            .And.NotContain("Kontakt</a>", "globex gives no contact link").And.NotContain("cdn.acme.example");
        Csp(globex).Should().Contain("img-src data:;").And.NotContain("https:");
    }

    [Fact]
    public async Task The_confirmation_keeps_the_brand_and_the_not_found_page_has_none()
    {
        await using var host = await Tenants.StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/u/{token}") { Content = new FormUrlEncodedContent([new("action", "unsubscribe")]) };
        post.Headers.Host = Tenants.AcmeHost;

        var confirmation = await host.Client.SendAsync(post);
        var missing = await Tenants.GetAsync(host, Tenants.AcmeHost, "/u/NoSuchToken0000000");

        confirmation.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmation.Content.ReadAsStringAsync()).Should().Contain(Tenants.AcmeLogo).And.Contain("Se ha dado de baja");
        Csp(confirmation).Should().Contain("img-src https://cdn.acme.example;");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().NotContain("<img").And.NotContain("#1a5e20").And.NotContain("https://");
        Csp(missing).Should().NotContain("img-src");
    }

    private static string Csp(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();
}
