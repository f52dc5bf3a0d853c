using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Sending;

/// <summary>
/// Held messages across instances sharing one store (adapters declaring <see cref="StorageCapabilities.Shared"/>): a
/// night's list send held by one instance is sent in the morning exactly once while two instances run the scheduler.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Shared | StorageCapabilities.DeferredSends)]
public abstract class HeldMessageSharingTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Two_schedulers_send_each_held_message_once()
    {
        var first = new CapturingTransport();
        var second = new CapturingTransport();
        await using var store = Fixture.CreateStore(Configure);
        await using var one = store.BuildAnotherInstance(services => { Configure(services); services.AddSingleton<ISmsTransport>(first); });
        await using var two = store.BuildAnotherInstance(services => { Configure(services); services.AddSingleton<ISmsTransport>(second); });
        store.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero)); // 23:00 in New York
        var recipients = TestNumbers.Range(400, 2_000).Select(n => n.ToString()).ToArray();

        var notBefore = DateTimeOffset.MinValue;
        var night = await one.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, Newsletter, "Acme: doors open at 9. Reply STOP to opt out")
        {
            OnRecipient = (o, _) => { notBefore = o.NotBefore > notBefore ? o.NotBefore.Value : notBefore; return ValueTask.CompletedTask; },
        }, recipients.ToAsyncEnumerable());
        (await Task.WhenAll(ReleaseAsync(one), ReleaseAsync(two))).Should().Equal([0, 0], "nothing is due at night");
        store.Time.SetUtcNow(notBefore);
        var released = await Task.WhenAll(ReleaseAsync(one), ReleaseAsync(two), ReleaseAsync(one), ReleaseAsync(two));

        night.Should().Match<ListSendResult>(r => r.Sent == 0 && r.Deferred == 400 && r.Held == 400);
        released.Sum().Should().Be(400);
        first.Sent.Concat(second.Sent).Select(m => m.To.ToString()).Should().BeEquivalentTo(recipients, "each held message is sent exactly once");
        (await store.HeldMessages.CountAsync()).Should().Be(new DeferredSendCounts(0, 0));
    }

    /// <summary>One scheduler round, as the hosted scheduler runs it.</summary>
    /// <param name="services">The instance.</param>
    /// <returns>How many messages it claimed.</returns>
    private static Task<int> ReleaseAsync(IServiceProvider services) =>
        Task.Run(() => services.GetRequiredService<IDeferredSendScheduler>().ReleaseDueAsync());

    private static void Configure(IServiceCollection services) => services.Configure<SmsOptOutOptions>(o =>
    {
        o.Sending.BatchSize = 50;
        o.Sending.HoldDeferred = true;
        o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
    });
}
