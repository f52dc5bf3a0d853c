using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Webhooks;
using SmsOptOut.Webhooks.Internal;

namespace SmsOptOut.Tests.Webhooks;

/// <summary>SmsOptOut with webhooks to a callback URL, over the in-memory store, with a fake clock and DNS.</summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public static readonly string Secret = WebhookSecret.Generate();

    public WebhookHost(Uri? callbackUrl, Action<WebhookOptions>? configure = null, TimeProvider? time = null, FakeDns? dns = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
        Dns = dns ?? new FakeDns();
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        services.AddSingleton<IWebhookHostResolver>(Dns);
        services.AddSmsOptOut(o =>
        {
            o.Webhooks.CallbackUrl = callbackUrl;
            o.Webhooks.Secrets.Add(Secret);
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
            configure?.Invoke(o.Webhooks);
        }).UseInMemory();
        Services = services.BuildServiceProvider();
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public FakeDns Dns { get; }

    public ServiceProvider Services { get; }

    public IOptOutWebhookDispatcher Dispatcher => Services.GetRequiredService<IOptOutWebhookDispatcher>();

    public IWebhookOutboxStore Outbox => Services.GetRequiredService<IWebhookOutboxStore>();

    public async Task<string> OptOutAsync(long index = 0, OptOutSource source = OptOutSource.OptOutLink)
    {
        var number = PhoneNumber.FromValue(4_917_612_345_678UL + (ulong)index);
        var result = await Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(new AccountId("acme"), number, source));
        return result.Event.EventId;
    }

    public async Task<OutboxMessage> SingleMessageAsync() => (await AllAsync()).Should().ContainSingle().Subject;

    public async Task<List<OutboxMessage>> AllAsync()
    {
        var store = Services.GetRequiredService<SmsOptOut.Storage.InMemory.InMemoryWebhookOutbox>();
        var ids = new List<OutboxMessage>();
        foreach (var id in store.Ids)
        {
            ids.Add((await Outbox.FindAsync(id))!);
        }

        return ids;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
