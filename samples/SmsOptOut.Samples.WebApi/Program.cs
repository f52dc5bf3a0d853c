using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SmsOptOut;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

// A minimal host that serves SmsOptOut's endpoints on SQLite:
//   GET/POST /u/{token}                the opt-out link's landing page
//   GET/POST /sms/inbound/{provider}   each configured provider's webhooks (Twilio, SmsTo, Telnyx, Plivo, Vonage sections)
//   POST /sms/inbound/json             any gateway, with the shared secret (when Inbound:SharedSecret is set)
//   GET /health                        the storage answers, owed webhooks are not overdue, none dead-lettered
//   GET /optout-admin                  the dashboard, behind a demo sign-in at /demo-login (replace it with your own); its
//                                      title and time zone from the "Dashboard" section of appsettings.json
// The tenants (demo, acme, globex) and each one's name, brand and reply texts are account settings, in the
// "SmsOptOut:Accounts" section of appsettings.json: one place per tenant (docs/architecture.md, "Accounts and their settings").
// acme and globex send links on their own domains (acme.localhost, globex.localhost: browsers resolve *.localhost to
// this machine), with their own logo and colour, and show the preference center (acme: its lists from DemoLists, a
// pause of 30 or 90 days; globex: a pause of 14 days, in German).
// On start it prints the URL to paste into each provider's console, and a link for a demo number to open in a browser.
var builder = WebApplication.CreateBuilder(args);
var publicUrl = builder.Configuration["PublicUrl"] ?? "http://localhost:5080";
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? publicUrl);
var smsOptOut = builder.Services.AddSmsOptOut(builder.Configuration.GetSection("SmsOptOut"), o =>
{
    o.DefaultRegion = "US";
    o.LinkBaseUrl = new Uri(publicUrl.TrimEnd('/') + "/u/");
    o.DefaultProvider = builder.Configuration["DefaultProvider"];
    if (builder.Configuration["Webhooks:CallbackUrl"] is { } callback)
    {
        o.Webhooks.CallbackUrl = new Uri(callback);
        o.Webhooks.Secrets.Add(builder.Configuration["Webhooks:Secret"] ?? throw new InvalidOperationException("Set Webhooks:Secret (whsec_…) with Webhooks:CallbackUrl."));
    }
}).UseSqlite(builder.Configuration.GetConnectionString("SmsOptOut") ?? "Data Source=smsoptout-web.db");
builder.Services.AddSingleton<SmsOptOut.Preferences.IPreferenceListProvider, DemoLists>();

// Each provider whose section is configured; with several, DefaultProvider names the one messages go through.
var providers = new Dictionary<string, Action<IConfigurationSection>>
{
    ["Twilio"] = section => smsOptOut.AddTwilio(section),
    ["SmsTo"] = section => smsOptOut.AddSmsTo(section),
    ["Telnyx"] = section => smsOptOut.AddTelnyx(section),
    ["Plivo"] = section => smsOptOut.AddPlivo(section),
    ["Vonage"] = section => smsOptOut.AddVonage(section),
};
foreach (var (name, use) in providers)
{
    if (builder.Configuration.GetSection(name) is { } section && section.Exists())
    {
        use(section);
    }
}

// Health checks, and SmsOptOut's spans and metrics (with ASP.NET Core's) to an OpenTelemetry collector when
// OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the standard OTEL_* variables).
builder.Services.AddHealthChecks().AddSmsOptOutHealthChecks();
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(SmsOptOutDiagnostics.ActivitySourceName).AddAspNetCoreInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(SmsOptOutDiagnostics.MeterName).AddAspNetCoreInstrumentation());
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

// The dashboard sits behind cookie sign-in; this demo signs anyone in who presses the button — use your real sign-in.
builder.Services.AddAntiforgery();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/demo-login");
builder.Services.AddAuthorization();

builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();
app.UseForwardedHeaders();   // behind a proxy: the opt-out's evidence and the rate limit see the client's real address
app.UseRequestLocalization("en", "fr", "de");
app.MapSmsOptOut(o =>
{
    o.InboundAccount = new AccountId("demo");
    o.InboundSharedSecret = builder.Configuration["Inbound:SharedSecret"];
});
app.UseAuthentication();
app.UseAuthorization();
// The dashboard shows the configured accounts; its title and the time zone of its times come from appsettings.json ("Dashboard").
var dashboard = builder.Configuration.GetSection("Dashboard");
app.MapSmsOptOutDashboard("/optout-admin", o =>
{
    foreach (var account in app.Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Accounts.Keys.DefaultIfEmpty("demo"))
    {
        o.Accounts.Add(new AccountId(account));
    }

    o.Title = dashboard["Title"] ?? o.Title;
    o.TimeZone = dashboard["TimeZone"];                                   // an IANA id; UTC when unset
    o.FullNumberExportPolicy = dashboard["FullNumberExportPolicy"];       // who may export full numbers; masked for everyone when unset
}).RequireAuthorization();
app.MapGet("/demo-login", () => Results.Content(
    "<!doctype html><title>Demo sign-in</title><form method=\"post\"><button>Sign in as demo-admin</button></form>", "text/html"));
app.MapPost("/demo-login", async context =>
{
    var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "demo-admin")], CookieAuthenticationDefaults.AuthenticationScheme));
    await context.SignInAsync(user);
    // Back only to a URL of this site ("/optout-admin/…"; not "//evil.example" or "/\evil.example", which browsers
    // read as another host): a sign-in that redirects anywhere hands signed-in users to whoever wrote the link.
    var back = context.Request.Query["ReturnUrl"].FirstOrDefault();
    context.Response.Redirect(back is null ? "/optout-admin/" : RedirectHttpResult.IsLocalUrl(back) ? back : "/");
}).DisableAntiforgery();
app.MapGet("/", () => Results.Text("SmsOptOut sample: open the link printed at start-up, or the dashboard at /optout-admin."));
app.MapHealthChecks("/health");

await app.StartAsync();
foreach (var provider in app.Services.GetServices<ISmsProvider>().Where(p => p.Inbound is not null))
{
    // SMS.to signs nothing: its URL carries the callback secret instead.
    var secret = provider.Name == "smsto" ? "?secret=<SmsTo:CallbackSecret>" : string.Empty;
    Console.WriteLine($"Paste into {provider.Name}'s console: {publicUrl.TrimEnd('/')}/sms/inbound/{provider.Name}{secret}");
}

var links = app.Services.GetRequiredService<IOptOutLinkGenerator>();
foreach (var (account, list) in new[] { ("acme", "deals"), ("globex", "news") })
{
    var tenantLink = await links.CreateAsync(new OptOutLinkTarget(new AccountId(account), new ListId(list), PhoneNumber.Parse("+1 415 555 2671")));
    Console.WriteLine($"{account} opt-out link (its own domain and brand, the preference center): {tenantLink.Url}");
}

var link = await links.CreateAsync(new OptOutLinkTarget(new AccountId("demo"), new ListId("newsletter"), PhoneNumber.Parse("+1 415 555 2671")));
Console.WriteLine($"Demo opt-out link: {link.Url}");
await app.WaitForShutdownAsync();
