using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Providers;
using SmsOptOut.Storage.SampleAdapter;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>
/// An adapter is registered as the optional contracts it implements (the replay guard in place of the in-process one)
/// and as none of those it lacks.
/// </summary>
public sealed class DictionaryStorageRegistrationTests
{
    [Fact]
    public void The_adapter_is_the_replay_guard_and_no_checkpoint_store()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseDictionaryStorage();
        using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<ISuppressionStore>();

        provider.GetRequiredService<IWebhookReplayGuard>().Should().BeSameAs(storage, "the store keeps the one-time values, not process memory beside it");
        provider.GetService<IReconciliationCheckpointStore>().Should().BeNull("the sample adapter lacks the contract");
        provider.GetService<SmsOptOut.DoNotCall.IDoNotCallRegistryStore>().Should().BeNull("the sample adapter lacks the contract");
        StorageContracts.ProvidedBy(services).Should().Be(StorageContracts.Optional & ~DictionaryStorageFixture.Lacks);
        provider.GetRequiredService<SmsOptOut.Storage.IAccountDirectory>().Should().BeSameAs(storage, "AddSmsOptOutStorage registers the optional account directory too");
    }
}
