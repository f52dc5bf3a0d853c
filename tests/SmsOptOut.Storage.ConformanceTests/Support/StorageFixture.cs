using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// The fixture contract of the conformance suites. An adapter's test project subclasses it once: it starts whatever
/// server the adapter needs (in <see cref="InitializeAsync"/>), and registers the adapter on a builder for an isolation
/// key, so that every <see cref="TestStore"/> gets storage of its own (a file, a schema, a key prefix).
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    /// <summary>
    /// Environment variable that turns "server not available" skips into failures. CI sets it to <c>1</c> after
    /// installing every server, so a missing install step cannot pass as a skip.
    /// </summary>
    public const string RequireServersVariable = "SMSOPTOUT_REQUIRE_SERVERS";

    private int _stores;

    /// <summary>
    /// What the adapter supports beyond the required contracts: <see cref="StorageCapabilities.Durable"/>,
    /// <see cref="StorageCapabilities.Shared"/> and a flag per optional contract it implements. By default all of them;
    /// an adapter that lacks some leaves their flags out (<c>base.Capabilities &amp; ~StorageCapabilities.OptIns</c>).
    /// </summary>
    public virtual StorageCapabilities Capabilities => StorageCapabilities.Durable | StorageCapabilities.Shared | StorageContracts.Optional;

    /// <summary>Why the adapter cannot be tested on this machine (for example "redis-server not found: apt-get install redis-server"), or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; protected set; }

    /// <summary>Registers the adapter under test.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="isolationKey">A key unique to one <see cref="TestStore"/> (and the same when it is reopened).</param>
    public abstract void UseStorage(ISmsOptOutBuilder builder, string isolationKey);

    /// <summary>
    /// Turns the adapter's suppression snapshot on or off, with the most suppressions it may hold; for adapters claiming
    /// <see cref="StorageCapabilities.SuppressionSnapshot"/> (for example <c>services.Configure&lt;SqliteStorageOptions&gt;(…)</c>).
    /// </summary>
    /// <param name="services">The services of one instance, before they are built.</param>
    /// <param name="enabled">Whether bulk filters may be answered from the snapshot.</param>
    /// <param name="maxNumbers">The most suppressions the snapshots may hold.</param>
    public virtual void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        throw new NotSupportedException($"{GetType().Name} claims {nameof(StorageCapabilities)}.{nameof(StorageCapabilities.SuppressionSnapshot)} but does not override {nameof(ConfigureSuppressionSnapshot)}.");

    /// <summary>Creates services over fresh, isolated storage. Skips (or, in CI, fails) when the adapter is unavailable.</summary>
    /// <returns>The store; dispose it at the end of the test.</returns>
    public TestStore CreateStore() => CreateStore(configure: null);

    /// <summary>Creates services over fresh, isolated storage, with more services of the test's (a transport, options).</summary>
    /// <param name="configure">More registrations, applied every time the store's services are built.</param>
    /// <returns>The store; dispose it at the end of the test.</returns>
    public TestStore CreateStore(Action<IServiceCollection>? configure)
    {
        ThrowIfUnavailable();
        return new TestStore(this, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _stores)}_{Guid.NewGuid().ToString("N")[..8]}", configure);
    }

    /// <summary>Creates services over the storage of <paramref name="isolationKey"/>, for example one another process also uses.</summary>
    /// <param name="isolationKey">The key (a file, schema or prefix name: lower-case letters, digits and underscores).</param>
    /// <returns>The store; dispose it at the end of the test.</returns>
    public TestStore CreateStore(string isolationKey) => CreateStore(isolationKey, null);

    /// <summary>Creates services over the storage of <paramref name="isolationKey"/>, with more services of the test's.</summary>
    /// <param name="isolationKey">The storage to open, for example one another process also uses.</param>
    /// <param name="configure">More registrations, applied every time the store's services are built.</param>
    /// <returns>The store; dispose it at the end of the test.</returns>
    public TestStore CreateStore(string isolationKey, Action<IServiceCollection>? configure)
    {
        ThrowIfUnavailable();
        return new TestStore(this, isolationKey, configure);
    }

    /// <summary>
    /// What a worker process (<see cref="Processes.StorageWorkerProcess"/>) needs to reach the storage this fixture
    /// prepared in <see cref="InitializeAsync"/>: a folder, a connection string. The worker creates its own instance of
    /// the fixture, passes these to <see cref="InitializeWorker"/> instead of starting a server, and then registers the
    /// adapter with <see cref="UseStorage"/>. None by default.
    /// </summary>
    /// <returns>Names and values, as plain strings.</returns>
    public virtual IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string>();

    /// <summary>In a worker process, adopts the settings <see cref="GetWorkerSettings"/> returned in the test process.</summary>
    /// <param name="settings">The test process's settings.</param>
    public virtual void InitializeWorker(IReadOnlyDictionary<string, string> settings)
    {
    }

    /// <summary>Starts the adapter's server, if any. Set <see cref="UnavailableReason"/> instead of throwing when it is missing.</summary>
    /// <returns>A task that completes when the fixture is ready.</returns>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Changes the stored consent log behind the store's back, as a database administrator or an attacker would (an SQL
    /// <c>UPDATE</c>, a Redis <c>HSET</c>), so the evidence tests can show the change is found. <see langword="false"/>
    /// when the adapter cannot be tampered with from outside (process memory); those tests then skip.
    /// </summary>
    /// <param name="isolationKey">The test store's isolation key.</param>
    /// <param name="account">The account.</param>
    /// <param name="eventId">The event to change.</param>
    /// <param name="tampering">What to do to it.</param>
    /// <returns>Whether the change was made.</returns>
    public virtual Task<bool> TamperAsync(string isolationKey, Consent.AccountId account, string eventId, Tampering tampering) => Task.FromResult(false);

    /// <summary>Stops what <see cref="InitializeAsync"/> started.</summary>
    /// <returns>A task that completes when the fixture is cleaned up.</returns>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Skips the current test when the adapter is unavailable, or fails it when <see cref="RequireServersVariable"/> is set.</summary>
    public void ThrowIfUnavailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireServersVariable) == "1")
        {
            throw new InvalidOperationException($"{RequireServersVariable}=1 but the storage is unavailable: {UnavailableReason}");
        }

        Skip.If(true, UnavailableReason);
    }
}
