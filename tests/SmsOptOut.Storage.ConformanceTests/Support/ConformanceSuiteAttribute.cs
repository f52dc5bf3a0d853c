namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>Marks an abstract suite that storage adapters' test projects must subclass (see <see cref="ConformanceSuiteGuard{TFixture}"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConformanceSuiteAttribute : Attribute
{
    /// <summary>The capabilities an adapter must declare for this suite to be required of it.</summary>
    public StorageCapabilities Requires { get; init; }
}
