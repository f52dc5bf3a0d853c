using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>Several app instances share one suppression state (adapters declaring <see cref="StorageCapabilities.Shared"/>).</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Shared)]
public abstract class SuppressionSharingTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task An_opt_out_through_one_instance_is_seen_by_another_at_once()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var otherStore = (ISuppressionStore)other.GetService(typeof(ISuppressionStore))!;
        var number = TestNumbers.Us(17);
        (await otherStore.IsSuppressedAsync(Acme, number)).Should().BeFalse();

        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), []);

        (await otherStore.IsSuppressedAsync(Acme, number)).Should().BeTrue();
        var flags = new bool[1];
        (await otherStore.FilterAsync(Acme, null, new[] { number }, flags)).Should().Be(1);
    }
}
