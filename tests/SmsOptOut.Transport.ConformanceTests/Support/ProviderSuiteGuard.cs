using System.Reflection;

namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>
/// Subclass once in a provider's test project: fails when the project forgets a suite its capabilities call for, so a
/// new suite cannot be silently left out.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
public abstract class ProviderSuiteGuard<TFixture>
    where TFixture : ProviderFixture, new()
{
    /// <summary>Every suite the provider's capabilities call for has a concrete subclass in the provider's test assembly.</summary>
    [Fact]
    public void Every_required_provider_suite_is_implemented()
    {
        var capabilities = new TFixture().Capabilities;
        var required = typeof(ProviderSuiteAttribute).Assembly.GetTypes()
            .Select(t => (Type: t, Suite: t.GetCustomAttribute<ProviderSuiteAttribute>()))
            .Where(s => s.Suite is not null && (capabilities & s.Suite.Requires) == s.Suite.Requires)
            .Select(s => s.Type)
            .ToArray();
        var implemented = GetType().Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.BaseType is { IsGenericType: true })
            .Where(t => t.BaseType!.GetGenericArguments().Contains(typeof(TFixture)))
            .Select(t => t.BaseType!.GetGenericTypeDefinition())
            .ToHashSet();

        var missing = required.Where(s => !implemented.Contains(s)).Select(s => s.Name).ToArray();
        Assert.True(required.Length > 0, "The provider kit declares no suites.");
        Assert.True(missing.Length == 0, $"{GetType().Assembly.GetName().Name} does not run these provider suites for {typeof(TFixture).Name}: {string.Join(", ", missing)}");
    }
}
