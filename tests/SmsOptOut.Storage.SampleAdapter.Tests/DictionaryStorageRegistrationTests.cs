using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Providers;
using SmsOptOut.Storage.SampleAdapter;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>An adapter that implements the optional provider contracts is registered as them, in place of the in-process replay guard.</summary>
public sealed class DictionaryStorageRegistrationTests
{
    [Fact]
    public void The_adapter_is_the_replay_guard_and_the_checkpoint_store()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseDictionaryStorage();
        using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<ISuppressionStore>();

        provider.GetRequiredService<IWebhookReplayGuard>().Should().BeSameAs(storage, "the store keeps the one-time values, not process memory beside it");
        provider.GetRequiredService<IReconciliationCheckpointStore>().Should().BeSameAs(storage);
        provider.GetRequiredService<SmsOptOut.Storage.IAccountDirectory>().Should().BeSameAs(storage, "AddSmsOptOutStorage registers the optional account directory too");
    }
}
