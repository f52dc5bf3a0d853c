using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>
/// The guard holds each fixture to its capabilities: a fixture claiming durable and shared storage, for which this
/// project runs no suite, fails naming every suite it needs — the suites this project runs for its other fixture do
/// not count for it.
/// </summary>
public sealed class ConformanceGuardTests
{
    [Fact]
    public void An_adapter_claiming_durable_and_shared_must_run_the_crash_and_multi_instance_proofs()
    {
        var check = () => new OverclaimingGuard().Every_required_conformance_suite_is_implemented();

        var message = check.Should().Throw<Exception>().Which.Message;
        message.Should().Contain("for OverclaimingFixture").And.Contain("CrashSafetyTests").And.Contain("MultiInstanceDispatchTests").And.Contain("DurabilityTests")
            .And.Contain("SharingTests");
        message.Should().Contain("SuppressionStoreTests", "this project runs SuppressionStoreTests for DictionaryStorageFixture only");
        new DictionaryConformanceGuard().Every_required_conformance_suite_is_implemented();
    }

    // Private, so the test runner does not collect it as a test class of its own.
    private sealed class OverclaimingFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => StorageCapabilities.Durable | StorageCapabilities.Shared;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class OverclaimingGuard : ConformanceSuiteGuard<OverclaimingFixture>;
}
