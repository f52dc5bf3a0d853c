using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>Suppression state and history survive a restart (adapters declaring <see cref="StorageCapabilities.Durable"/>).</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Durable)]
public abstract class SuppressionDurabilityTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Opt_outs_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(16), store.Time.GetUtcNow(), Newsletter);
        await store.Suppression.ApplyAsync(e, []);

        await store.ReopenAsync();

        (await store.Suppression.IsSuppressedAsync(Acme, e.Number, Newsletter)).Should().BeTrue();
        (await store.HistoryAsync(Acme, e.Number)).Should().ContainSingle().Which.Should().BeEquivalentTo(e);
        (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Duplicate);
    }
}
