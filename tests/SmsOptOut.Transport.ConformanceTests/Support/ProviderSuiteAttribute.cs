namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>Marks a suite of the provider kit, and the capabilities that make it required.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ProviderSuiteAttribute : Attribute
{
    /// <summary>The capabilities a provider must declare for the suite to be required; none for every provider.</summary>
    public ProviderCapabilities Requires { get; init; }
}
