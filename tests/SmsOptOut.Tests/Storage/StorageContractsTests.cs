using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Privacy;
using SmsOptOut.Providers;
using SmsOptOut.Storage;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Storage;

/// <summary>The one declaration of storage contracts, and what reads it: adapter registration, UseStorage, UseInMemory.</summary>
public sealed class StorageContractsTests
{
    [Fact]
    public void The_required_contracts_are_the_constraints_of_AddSmsOptOutStorage()
    {
        var method = typeof(StorageServiceCollectionExtensions).GetMethod(nameof(StorageServiceCollectionExtensions.AddSmsOptOutStorage))!;
        var constraints = method.GetGenericArguments().Single().GetGenericParameterConstraints();

        constraints.Should().BeEquivalentTo(StorageContracts.All.Where(c => c.IsRequired).Select(c => c.ServiceType),
            "the compiler names a missing required contract only if the constraint lists every one");
    }

    [Fact]
    public void Each_optional_contract_has_a_flag_of_its_own_and_no_required_one_has_any()
    {
        var optional = StorageContracts.All.Where(c => !c.IsRequired).ToArray();

        optional.Select(c => c.Capability).Should().OnlyHaveUniqueItems();
        optional.Should().AllSatisfy(c =>
        {
            ((int)c.Capability & ((int)c.Capability - 1)).Should().Be(0, $"{c} has one flag");
            c.Capability.Should().NotBe(StorageCapabilities.Durable).And.NotBe(StorageCapabilities.Shared).And.NotBe(StorageCapabilities.SuppressionSnapshot);
        });
        StorageContracts.All.Select(c => c.ServiceType).Should().OnlyHaveUniqueItems().And.AllSatisfy(t => t.IsInterface.Should().BeTrue());
        StorageContracts.Optional.Should().Be(optional.Aggregate(StorageCapabilities.None, (all, c) => all | c.Capability));
        Enum.GetValues<StorageCapabilities>().Except([StorageCapabilities.None, StorageCapabilities.Durable, StorageCapabilities.Shared, StorageCapabilities.SuppressionSnapshot])
            .Should().BeEquivalentTo(optional.Select(c => c.Capability), "every flag but the three qualities (durable, shared, answers bulk filters from a snapshot) names a contract");
        StorageContracts.Find(typeof(IDataSubjectStore))!.Capability.Should().Be(StorageCapabilities.DataSubjects);
        StorageContracts.Find(typeof(string)).Should().BeNull();
    }

    [Fact]
    public void UseInMemory_registers_each_contract_it_has_one_instance_per_implementation()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory();
        using var provider = services.BuildServiceProvider();

        StorageContracts.ProvidedBy(services).Should().Be(StorageContracts.Optional
            & ~(StorageCapabilities.Schema | StorageCapabilities.SuppressionCounter | StorageCapabilities.ConsentStatistics));
        foreach (var contract in StorageContracts.All.Where(c => c.InMemoryType is not null))
        {
            provider.GetRequiredService(contract.ServiceType).Should().BeOfType(contract.InMemoryType!);
        }

        provider.GetRequiredService<IAccountDirectory>().Should().BeSameAs(provider.GetRequiredService<SmsOptOut.Suppression.ISuppressionStore>(),
            "the suppression store is also the account directory");
        provider.GetService<IStorageSchema>().Should().BeNull();
    }

    [Fact]
    public void An_adapter_without_optional_contracts_provides_none_and_gets_the_stand_ins()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseStorage("required-only", RequiredStoresOnly.Register);
        using var provider = services.BuildServiceProvider();

        StorageContracts.ProvidedBy(services).Should().Be(StorageCapabilities.None);
        provider.GetRequiredService<IWebhookReplayGuard>().GetType().Name.Should().Be("InMemoryWebhookReplayGuard");
        provider.GetRequiredService<IDataSubjectStore>().GetType().Name.Should().Be("UnsupportedDataSubjectStore");
        provider.GetService<SmsOptOut.OptIn.IOptInStore>().Should().BeNull();
    }

    [Fact]
    public void Choosing_another_storage_replaces_every_contract_of_the_first()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory().UseStorage("required-only", RequiredStoresOnly.Register);

        foreach (var contract in StorageContracts.All.Where(c => !c.IsRequired && c.FallbackType is null))
        {
            services.Should().NotContain(d => d.ServiceType == contract.ServiceType, $"{contract} of the in-memory storage is gone");
        }

        StorageContracts.ProvidedBy(new ServiceCollection()).Should().Be(StorageCapabilities.None, "nothing was chosen");
    }
}
