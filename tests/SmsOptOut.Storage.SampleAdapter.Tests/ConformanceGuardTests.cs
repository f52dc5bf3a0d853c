using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>The guard holds adapters to their capabilities: claiming more than this project runs fails, naming what is missing.</summary>
public sealed class ConformanceGuardTests
{
    [Fact]
    public void An_adapter_claiming_durable_and_shared_must_run_the_crash_and_multi_instance_proofs()
    {
        var check = () => new OverclaimingGuard().Every_required_conformance_suite_is_implemented();

        var message = check.Should().Throw<Exception>().Which.Message;
        message.Should().Contain("CrashSafetyTests").And.Contain("MultiInstanceDispatchTests").And.Contain("DurabilityTests").And.Contain("SharingTests");
        message.Should().NotContain("SuppressionStoreTests", "this project runs every suite that needs no capability");
    }

    // Private, so the test runner does not collect it as a test class of its own.
    private sealed class OverclaimingFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => StorageCapabilities.Durable | StorageCapabilities.Shared;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class OverclaimingGuard : ConformanceSuiteGuard<OverclaimingFixture>;
}
