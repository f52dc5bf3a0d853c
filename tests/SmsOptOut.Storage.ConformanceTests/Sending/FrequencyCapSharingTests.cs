using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Sending;

/// <summary>Frequency caps hold across app instances sharing one store (adapters declaring <see cref="StorageCapabilities.Shared"/>).</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Shared | StorageCapabilities.SendLedger)]
public abstract class FrequencyCapSharingTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Two_instances_sending_to_the_same_recipients_at_once_never_exceed_the_cap()
    {
        var first = new CapturingTransport { Delay = TimeSpan.FromMilliseconds(1) };
        var second = new CapturingTransport { Delay = TimeSpan.FromMilliseconds(1) };
        await using var store = Fixture.CreateStore(Configure);
        await using var other = store.BuildAnotherInstance(services =>
        {
            Configure(services);
            services.AddSingleton<ISmsTransport>(second);
        });
        await using var one = store.BuildAnotherInstance(services =>
        {
            Configure(services);
            services.AddSingleton<ISmsTransport>(first);
        });
        var recipients = TestNumbers.Range(120, 1_000).Select(n => n.ToString()).ToArray();

        var sends = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? one : other).GetRequiredService<ISmsSender>()
            .SendToListAsync(new ListSendRequest(Acme, Newsletter, $"Acme news {i}. Reply STOP to opt out"), recipients.ToAsyncEnumerable())).ToArray();
        var results = await Task.WhenAll(sends);

        var perRecipient = first.Sent.Concat(second.Sent).GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
        perRecipient.Should().HaveCount(recipients.Length);
        perRecipient.Values.Should().OnlyContain(c => c == 2, "two per day, whichever instance sends");
        results.Sum(r => r.FrequencyCapped).Should().Be((6 - 2) * recipients.Length);
    }

    private static void Configure(IServiceCollection services) => services.Configure<SmsOptOutOptions>(o =>
    {
        o.Sending.BatchSize = 40;
        o.Sending.FrequencyCaps.Add(new FrequencyCap { Name = "two a day", Messages = 2, Window = TimeSpan.FromDays(1) });
    });
}
