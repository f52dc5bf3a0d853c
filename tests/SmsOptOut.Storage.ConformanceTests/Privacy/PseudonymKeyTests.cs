using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Privacy;

/// <summary>
/// Pseudonym keys across app instances: an instance without the key of existing erasures refuses to filter (it would
/// message those people again); with the old and a new key, erasures made under either are found.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Shared | StorageCapabilities.DataSubjects)]
public abstract class PseudonymKeyTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task A_store_asked_to_filter_without_the_key_of_its_erasures_refuses_naming_the_key()
    {
        await using var store = Fixture.CreateStore();
        await DataSubjectStoreTests<TFixture>.SeedAsync(store);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(DataSubjectStoreTests<TFixture>.Erased, "t-1", "request"));
        var rotated = new PseudonymKey { Id = 2, Secret = Convert.ToBase64String(new byte[32]) };
        await using var withoutKey = store.BuildAnotherInstance(services => services.Configure<SmsOptOutOptions>(o =>
        {
            o.DataProtection.PseudonymKeys.Clear();
            o.DataProtection.PseudonymKeys.Add(rotated);
        }));
        await using var withBoth = store.BuildAnotherInstance(services => services.Configure<SmsOptOutOptions>(o => o.DataProtection.PseudonymKeys.Add(rotated)));

        var act = () => withoutKey.GetRequiredService<ISuppressionStore>().FilterAsync(Acme, null, new[] { DataSubjectStoreTests<TFixture>.Bystander, DataSubjectStoreTests<TFixture>.Erased, DataSubjectStoreTests<TFixture>.ListOnly }, new bool[3]);
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("pseudonym key 1");

        await withBoth.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(DataSubjectStoreTests<TFixture>.ListOnly, "t-2", "request"));
        var flags = new bool[3];
        (await withBoth.GetRequiredService<ISuppressionStore>().FilterAsync(Acme, Newsletter, new[] { DataSubjectStoreTests<TFixture>.Erased, DataSubjectStoreTests<TFixture>.ListOnly, TestNumbers.Us(5) }, flags)).Should().Be(2);
        flags.Should().Equal(true, true, false);
    }

    [SkippableFact]
    public virtual async Task A_key_with_the_same_id_and_another_secret_is_refused_naming_the_id()
    {
        await using var store = Fixture.CreateStore();
        await DataSubjectStoreTests<TFixture>.SeedAsync(store);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(DataSubjectStoreTests<TFixture>.Erased, "t-1", "request"));
        await using var replaced = store.BuildAnotherInstance(services => services.Configure<SmsOptOutOptions>(o =>
        {
            o.DataProtection.PseudonymKeys.Clear();
            o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 1, Secret = Convert.ToBase64String(new byte[32]) });
        }));

        var act = () => replaced.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme, DataSubjectStoreTests<TFixture>.ListOnly);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Pseudonym key 1").And.Contain("different secret");
    }
}
