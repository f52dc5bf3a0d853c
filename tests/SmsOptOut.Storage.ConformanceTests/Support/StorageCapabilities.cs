namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// What an adapter can do beyond the common contract. A suite that needs a capability is required (by
/// <see cref="ConformanceSuiteGuard{TFixture}"/>) only from adapters that declare it, so no test is ever weakened or skipped.
/// </summary>
[Flags]
public enum StorageCapabilities
{
    /// <summary>Only the common contract.</summary>
    None = 0,

    /// <summary>Data written survives disposing the services and building them again over the same storage.</summary>
    Durable = 1,

    /// <summary>Several service providers (app instances) may share one storage at once and see each other's writes.</summary>
    Shared = 2,
}
