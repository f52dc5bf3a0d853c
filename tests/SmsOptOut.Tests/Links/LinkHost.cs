using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Links;

namespace SmsOptOut.Tests.Links;

/// <summary>Services configured for link tests, over the in-memory store and a fake clock.</summary>
public sealed class LinkHost : IAsyncDisposable
{
    public const string Key1 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
    public const string Key2 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="; // 32 bytes

    public LinkHost(Action<SmsOptOutOptions>? configure = null, FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            configure?.Invoke(o);
        }).UseInMemory();
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public IOptOutLinkGenerator Generator => Services.GetRequiredService<IOptOutLinkGenerator>();

    public IOptOutLinkVerifier Verifier => Services.GetRequiredService<IOptOutLinkVerifier>();

    public static Action<SmsOptOutOptions> Stateless(params (int Id, string Secret)[] keys) => o =>
    {
        o.Links.Mode = OptOutLinkMode.Stateless;
        foreach (var (id, secret) in keys)
        {
            o.Links.SigningKeys.Add(new OptOutLinkKey { Id = id, Secret = secret });
        }
    };

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
