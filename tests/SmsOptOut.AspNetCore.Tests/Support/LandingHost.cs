using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmsOptOut.AspNetCore;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with SQLite storage in a temporary file and <c>MapSmsOptOut()</c>, the way an
/// application serves the endpoints; the webhook dispatcher is off so the outbox shows what was enqueued.
/// </summary>
public sealed class LandingHost : IAsyncDisposable
{
    public const string TwilioAuthToken = "twilio-test-auth-token";
    public const string TwilioAccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string SharedSecret = "json-inbound-shared-secret-0123456789";
    public const string DisplayName = "Acme <Shoes> & Co";
    public static readonly AccountId Account = new("acme");
    public static readonly ListId List = new("newsletter");
    public static readonly PhoneNumber SendingNumber = PhoneNumber.Parse("+18005550100");

    private readonly WebApplication _app;
    private readonly string _file;

    private LandingHost(WebApplication app, string file)
    {
        _app = app;
        _file = file;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // A Unix socket's address (http://unix:/path) is no URI; its test connects through the socket itself.
        BaseAddress = new Uri(address.StartsWith("http://unix:", StringComparison.Ordinal) ? "http://localhost/" : address);
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for the host (no cookies, no redirects needed).</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The SQLite file, for a test that changes it behind the store's back.</summary>
    public string DatabaseFile => _file;

    public ISuppressionStore Store => Services.GetRequiredService<ISuppressionStore>();

    public IWebhookOutboxStore Outbox => Services.GetRequiredService<IWebhookOutboxStore>();

    /// <summary>Every log line the host wrote, ASP.NET Core's request logging included (Debug and up).</summary>
    public FakeLogCollector Logs { get; private set; } = null!;

    public static async Task<LandingHost> StartAsync(Action<SmsOptOutEndpointOptions>? configure = null, Action<WebApplication>? pipeline = null, TimeProvider? time = null,
        Action<SmsOptOutOptions>? core = null, Action<IServiceCollection>? services = null, string? environment = null, Action<IWebHostBuilder>? webHost = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"smsoptout-web-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment ?? Environments.Production });
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        webHost?.Invoke(builder.WebHost);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.Webhooks.CallbackUrl = new Uri("https://hooks.example/optout");
            o.Webhooks.Secrets.Add(WebhookSecret.Generate());
            o.Webhooks.EnableDispatcher = false;
            core?.Invoke(o);
        }).UseSqlite($"Data Source={file}").AddTwilio(o =>
        {
            o.AccountSid = TwilioAccountSid;
            o.AuthToken = TwilioAuthToken;
            o.From = SendingNumber.ToString();
            // No test reaches Twilio: a reply sent through the transport meets a closed local port.
            o.BaseAddress = new Uri("http://127.0.0.1:1/");
            o.MaxAttempts = 1;
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        pipeline?.Invoke(app);
        app.MapSmsOptOut(o =>
        {
            o.DisplayName = (_, _) => ValueTask.FromResult(DisplayName);
            o.InboundSharedSecret = SharedSecret;
            o.InboundAccount = Account;
            o.PermitsPerMinutePerClient = 10_000;
            configure?.Invoke(o);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new LandingHost(app, file) { Logs = logs };
    }

    /// <summary>Issues a real link for <paramref name="number"/> and returns its token.</summary>
    public async Task<string> TokenAsync(PhoneNumber number) =>
        (await Services.GetRequiredService<IOptOutLinkGenerator>().CreateAsync(new OptOutLinkTarget(Account, List, number))).Token;

    public async Task<List<ConsentEvent>> HistoryAsync(PhoneNumber number)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in Store.GetHistoryAsync(Account, number))
        {
            events.Add(e);
        }

        return events;
    }

    public Task<bool> IsSuppressedAsync(PhoneNumber number) => Store.IsSuppressedAsync(Account, number);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
