using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.DoNotCall;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>
/// The guard holds each fixture to exactly its capabilities: a fixture claiming durable and shared storage, for which
/// this project runs no suite, fails naming every suite it needs — the suites this project runs for its other fixture
/// do not count for it; a fixture claiming a contract its adapter does not register fails naming the contract, and so
/// does one leaving out a contract its adapter registers; a suite of a contract the fixture does not claim is skipped.
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

    [Fact]
    public void The_sample_adapter_is_required_to_run_no_suite_of_a_contract_it_lacks()
    {
        var check = () => new LackingSuitesGuard().Every_required_conformance_suite_is_implemented();

        var message = check.Should().Throw<Exception>().Which.Message;
        message.Should().Contain("SuppressionStoreTests", "the suites of the required contracts are required of every adapter")
            .And.Contain("OptInStoreTests", "the fixture claims opt-ins");
        message.Should().NotContain("DoNotCallRegistryStoreTests").And.NotContain("ReconciliationCheckpointStoreTests")
            .And.NotContain("DurabilityTests").And.NotContain("SharingTests");
    }

    [Fact]
    public async Task A_fixture_claiming_a_contract_its_adapter_does_not_register_fails_the_guard()
    {
        var check = () => new ClaimingDoNotCallGuard().Claimed_contracts_are_the_registered_contracts();

        var message = (await check.Should().ThrowAsync<Exception>()).Which.Message;
        message.Should().Contain("ClaimingDoNotCallFixture claims StorageCapabilities.DoNotCallRegistry but its storage does not register IDoNotCallRegistryStore");
        message.Should().NotContain("ReconciliationCheckpoints", "only the wrong claim is named");
        await new DictionaryConformanceGuard().Claimed_contracts_are_the_registered_contracts();
    }

    [Fact]
    public async Task A_fixture_leaving_out_a_contract_its_adapter_registers_fails_the_guard()
    {
        var check = () => new UnderclaimingGuard().Claimed_contracts_are_the_registered_contracts();

        var message = (await check.Should().ThrowAsync<Exception>()).Which.Message;
        message.Should().Contain("registers IOptInStore but does not claim StorageCapabilities.OptIns");
    }

    [Fact]
    public void A_suite_of_a_contract_the_fixture_does_not_claim_is_skipped_naming_the_flag()
    {
        var create = () => new UnclaimedDoNotCallRegistryStoreTests(new DictionaryStorageFixture());

        create.Should().Throw<SkipException>()
            .WithMessage("DictionaryStorageFixture does not claim StorageCapabilities.DoNotCallRegistry, which this suite proves.");
    }

    // Private, so the test runner does not collect them as test classes of their own.
    private sealed class OverclaimingFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => StorageCapabilities.Durable | StorageCapabilities.Shared;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class OverclaimingGuard : ConformanceSuiteGuard<OverclaimingFixture>;

    /// <summary>The sample's own claims, with no suite subclassed for it.</summary>
    private sealed class LackingSuitesFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => new DictionaryStorageFixture().Capabilities;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class LackingSuitesGuard : ConformanceSuiteGuard<LackingSuitesFixture>;

    /// <summary>Claims the Do-Not-Call registry, which the sample adapter does not implement.</summary>
    private sealed class ClaimingDoNotCallFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => new DictionaryStorageFixture().Capabilities | StorageCapabilities.DoNotCallRegistry;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class ClaimingDoNotCallGuard : ConformanceSuiteGuard<ClaimingDoNotCallFixture>;

    /// <summary>Leaves out opt-ins, which the sample adapter implements.</summary>
    private sealed class UnderclaimingFixture : StorageFixture
    {
        public override StorageCapabilities Capabilities => new DictionaryStorageFixture().Capabilities & ~StorageCapabilities.OptIns;

        public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseDictionaryStorage();
    }

    private sealed class UnderclaimingGuard : ConformanceSuiteGuard<UnderclaimingFixture>;

    private sealed class UnclaimedDoNotCallRegistryStoreTests(DictionaryStorageFixture f) : DoNotCallRegistryStoreTests<DictionaryStorageFixture>(f);
}
