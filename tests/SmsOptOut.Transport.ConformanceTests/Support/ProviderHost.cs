using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with the provider registered against a local stub of its API, and
/// <c>MapSmsOptOut()</c> for its webhooks; one account, whose number is <see cref="AccountNumber"/>.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    /// <summary>The account every request belongs to.</summary>
    public static readonly AccountId Account = new("acme");

    /// <summary>The account's number.</summary>
    public static readonly PhoneNumber AccountNumber = PhoneNumber.Parse("+18005550100");

    /// <summary>The public base of the inbound endpoints, what providers sign.</summary>
    public static readonly Uri PublicInbound = new("https://opt.example/sms/inbound");

    private readonly WebApplication _app;

    private ProviderHost(WebApplication app, TestReceiver api)
    {
        _app = app;
        Api = api;
        Client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    /// <summary>The stub of the provider's API.</summary>
    public TestReceiver Api { get; }

    /// <summary>A client for the host.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The transport SmsOptOut sends with (the provider, through the routing transport).</summary>
    public ISmsTransport Transport => Services.GetRequiredService<ISmsTransport>();

    /// <summary>Everything the host logged.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Logs => Services.GetRequiredService<Microsoft.Extensions.Logging.Testing.FakeLogCollector>();

    /// <summary>Starts a host for <paramref name="fixture"/>'s provider.</summary>
    /// <param name="fixture">The provider.</param>
    /// <param name="time">The clock, or the system's.</param>
    /// <param name="requestTimeout">The provider's request timeout.</param>
    /// <param name="maxAttempts">Attempts for answers that created nothing.</param>
    /// <param name="configure">Further registrations.</param>
    /// <param name="endpoints">Changes to the endpoints' options (every inbound request belongs to <see cref="Account"/> unless it sets how accounts are found).</param>
    /// <param name="configureWithApi">Further registrations that need the stub's base address.</param>
    /// <returns>The started host.</returns>
    public static async Task<ProviderHost> StartAsync(ProviderFixture fixture, TimeProvider? time = null, TimeSpan? requestTimeout = null, int maxAttempts = 3,
        Action<ISmsOptOutBuilder>? configure = null, Action<SmsOptOut.AspNetCore.SmsOptOutEndpointOptions>? endpoints = null,
        Action<ISmsOptOutBuilder, Uri>? configureWithApi = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var api = await TestReceiver.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var smsOptOut = builder.Services.AddSmsOptOut(o => o.Webhooks.EnableDispatcher = false).UseInMemory();
        fixture.UseProvider(smsOptOut, api.BaseUrl, requestTimeout ?? TimeSpan.FromSeconds(10), maxAttempts);
        configure?.Invoke(smsOptOut);
        configureWithApi?.Invoke(smsOptOut, api.BaseUrl);
        var app = builder.Build();
        app.MapSmsOptOut(o =>
        {
            o.LinkPrefix = "/u";
            o.InboundAccount = Account;
            o.InboundPublicUrl = PublicInbound;
            endpoints?.Invoke(o);
        });
        await app.StartAsync();
        return new ProviderHost(app, api);
    }

    /// <summary>Has the stub answer the next requests in order (the second answer repeats), with <c>Retry-After</c> on 429 and 503 when given.</summary>
    /// <param name="first">The answer to the first request.</param>
    /// <param name="then">The answer to every later one; the first again when <see langword="null"/>.</param>
    /// <param name="retryAfterSeconds">The <c>Retry-After</c> of throttled answers.</param>
    public void Answer(StubAnswer first, StubAnswer? then = null, int? retryAfterSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        var calls = 0;
        Api.Handle = async (_, context) =>
        {
            var answer = Interlocked.Increment(ref calls) == 1 || then is null ? first : then;
            context.Response.StatusCode = answer.StatusCode;
            context.Response.ContentType = answer.ContentType;
            if (retryAfterSeconds is { } seconds && answer.StatusCode is 429 or 503)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync(answer.Body);
        };
    }

    /// <summary>The public URL of <paramref name="fixture"/>'s inbound endpoint.</summary>
    public static Uri InboundUrl(ProviderFixture fixture) => new(PublicInbound + "/" + (fixture ?? throw new ArgumentNullException(nameof(fixture))).Name);

    /// <summary>Sends one message to <paramref name="to"/> through SmsOptOut's sender, for the account.</summary>
    public Task<SingleSendResult> SendAsync(PhoneNumber to) => Services.GetRequiredService<ISmsSender>().SendAsync(Account, to.ToString(), "Hello from Acme");

    /// <summary>Whether <paramref name="number"/> is suppressed in the account.</summary>
    public Task<bool> IsSuppressedAsync(PhoneNumber number) => Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Account, number);

    /// <summary>The account's consent log of <paramref name="number"/>, or another account's.</summary>
    public async Task<List<ConsentEvent>> HistoryAsync(PhoneNumber number, AccountId? account = null)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in Services.GetRequiredService<ISuppressionStore>().GetHistoryAsync(account ?? Account, number))
        {
            events.Add(e);
        }

        return events;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await Api.DisposeAsync();
    }
}
