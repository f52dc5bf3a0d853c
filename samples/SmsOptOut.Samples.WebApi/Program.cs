using Microsoft.AspNetCore.HttpOverrides;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

// A minimal host that serves SmsOptOut's endpoints on SQLite:
//   GET/POST /u/{token}          the opt-out link's landing page
//   POST /sms/inbound/twilio     Twilio's inbound webhook (when a Twilio section is configured)
//   POST /sms/inbound/json       any gateway, with the shared secret (when Inbound:SharedSecret is set)
// On start it prints a link for a demo number; open it in a browser.
var builder = WebApplication.CreateBuilder(args);
var publicUrl = builder.Configuration["PublicUrl"] ?? "http://localhost:5080";
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? publicUrl);
var smsOptOut = builder.Services.AddSmsOptOut(o =>
{
    o.DefaultRegion = "US";
    o.LinkBaseUrl = new Uri(publicUrl.TrimEnd('/') + "/u/");
    if (builder.Configuration["Webhooks:CallbackUrl"] is { } callback)
    {
        o.Webhooks.CallbackUrl = new Uri(callback);
        o.Webhooks.Secrets.Add(builder.Configuration["Webhooks:Secret"] ?? throw new InvalidOperationException("Set Webhooks:Secret (whsec_…) with Webhooks:CallbackUrl."));
    }
}).UseSqlite(builder.Configuration.GetConnectionString("SmsOptOut") ?? "Data Source=smsoptout-web.db");
if (builder.Configuration.GetSection("Twilio").Exists())
{
    smsOptOut.UseTwilio(builder.Configuration.GetSection("Twilio"));
}

builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();
app.UseForwardedHeaders();   // behind a proxy: the opt-out's evidence and the rate limit see the client's real address
app.UseRequestLocalization("en", "fr", "de");
app.MapSmsOptOut(o =>
{
    o.DisplayName = (account, _) => ValueTask.FromResult(account.Value == "demo" ? "Demo Shop" : account.Value);
    o.InboundAccount = new AccountId("demo");
    o.InboundSharedSecret = builder.Configuration["Inbound:SharedSecret"];
});
app.MapGet("/", () => Results.Text("SmsOptOut sample: open the link printed at start-up."));

await app.StartAsync();
var link = await app.Services.GetRequiredService<IOptOutLinkGenerator>()
    .CreateAsync(new OptOutLinkTarget(new AccountId("demo"), new ListId("newsletter"), PhoneNumber.Parse("+1 415 555 2671")));
Console.WriteLine($"Demo opt-out link: {link.Url}");
await app.WaitForShutdownAsync();
