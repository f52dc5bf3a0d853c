using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Providers.Internal;

namespace SmsOptOut.Tests.Providers;

public sealed class WebhookReplayGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_value_is_used_once_until_it_expires()
    {
        var guard = new InMemoryWebhookReplayGuard(_time);
        var until = _time.GetUtcNow().AddMinutes(10);

        (await guard.TryUseAsync("p:1", until)).Should().BeTrue();
        (await guard.TryUseAsync("p:1", until)).Should().BeFalse();
        (await guard.TryUseAsync("p:2", until)).Should().BeTrue("another value is another request");
        _time.Advance(TimeSpan.FromMinutes(11));
        (await guard.TryUseAsync("p:1", until.AddMinutes(20))).Should().BeTrue("an expired value would be refused by its timestamp anyway");
    }

    [Fact]
    public async Task A_forgotten_value_can_be_used_again()
    {
        var guard = new InMemoryWebhookReplayGuard(_time);
        var until = _time.GetUtcNow().AddMinutes(10);
        await guard.TryUseAsync("p:1", until);

        await guard.ForgetAsync("p:1");

        (await guard.TryUseAsync("p:1", until)).Should().BeTrue();
    }

    [Fact]
    public async Task Of_many_concurrent_uses_of_one_value_exactly_one_wins()
    {
        var guard = new InMemoryWebhookReplayGuard(_time);
        var until = _time.GetUtcNow().AddMinutes(10);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => guard.TryUseAsync("p:race", until).AsTask())));

        results.Count(r => r).Should().Be(1);
    }
}
