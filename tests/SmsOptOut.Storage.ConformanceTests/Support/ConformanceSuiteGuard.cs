using System.Reflection;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// Subclass once per fixture in an adapter's test project: the test fails when the project forgets to run, for that
/// fixture, one of the suites marked <see cref="ConformanceSuiteAttribute"/> that the fixture's capabilities call for,
/// so a new suite cannot be silently left out by an adapter. Only suites run with this fixture count: a project with
/// two fixtures (a single server and a cluster, say) holds each to its own capabilities.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture, whose <see cref="StorageFixture.Capabilities"/> decide which suites are required.</typeparam>
public abstract class ConformanceSuiteGuard<TFixture>
    where TFixture : StorageFixture, new()
{
    /// <summary>Every suite the fixture's capabilities call for has a concrete subclass for <typeparamref name="TFixture"/> in the adapter's test assembly.</summary>
    [Fact]
    public void Every_required_conformance_suite_is_implemented()
    {
        var capabilities = new TFixture().Capabilities;
        var required = typeof(ConformanceSuiteAttribute).Assembly.GetTypes()
            .Select(t => (Type: t, Suite: t.GetCustomAttribute<ConformanceSuiteAttribute>()))
            .Where(s => s.Suite is not null && (capabilities & s.Suite.Requires) == s.Suite.Requires)
            .Select(s => s.Type)
            .ToArray();
        var implemented = GetType().Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true })
            .SelectMany(BaseTypes)
            .Where(t => t.IsGenericType && t.GetGenericArguments() is [var fixture] && fixture == typeof(TFixture))
            .Select(t => t.GetGenericTypeDefinition())
            .ToHashSet();

        var missing = required.Where(s => !implemented.Contains(s)).Select(s => s.Name).ToArray();
        Assert.True(required.Length > 0, "The conformance assembly declares no suites.");
        Assert.True(missing.Length == 0, $"{GetType().Assembly.GetName().Name} does not run these conformance suites for {typeof(TFixture).Name}: {string.Join(", ", missing)}");
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }
}
