using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// Subclass once per fixture in an adapter's test project. It holds the fixture to exactly what its
/// <see cref="StorageFixture.Capabilities"/> claim: each optional contract claimed (a flag of
/// <see cref="StorageContracts.All"/>) must be registered by the adapter, and each one registered must be claimed; and
/// every suite marked <see cref="ConformanceSuiteAttribute"/> that the claims call for must have a concrete subclass for
/// the fixture in the adapter's test assembly, so a new suite cannot be silently left out. A suite the claims do not call
/// for is skipped, naming the missing flag. Only suites run with this fixture count: a project with two fixtures (a
/// single server and a cluster, say) holds each to its own capabilities.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture, whose <see cref="StorageFixture.Capabilities"/> decide which suites are required.</typeparam>
public abstract class ConformanceSuiteGuard<TFixture>
    where TFixture : StorageFixture, new()
{
    /// <summary>The fixture's storage registers exactly the optional contracts the fixture claims.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Fact]
    public async Task Claimed_contracts_are_the_registered_contracts()
    {
        var fixture = new TFixture();
        await fixture.InitializeAsync();
        try
        {
            var services = new ServiceCollection();
            fixture.UseStorage(services.AddSmsOptOut(), "guard");
            var provided = StorageContracts.ProvidedBy(services);
            var claimed = fixture.Capabilities & StorageContracts.Optional;
            var problems = StorageContracts.All.Where(c => !c.IsRequired && claimed.HasFlag(c.Capability) != provided.HasFlag(c.Capability))
                .Select(c => claimed.HasFlag(c.Capability)
                    ? $"claims {nameof(StorageCapabilities)}.{c.Capability} but its storage does not register {c.ServiceType.Name} (implement it, or leave the flag out of Capabilities)"
                    : $"registers {c.ServiceType.Name} but does not claim {nameof(StorageCapabilities)}.{c.Capability} (add the flag to Capabilities, so its suites run)")
                .ToArray();
            Assert.True(problems.Length == 0, $"{typeof(TFixture).Name} {string.Join("; ", problems)}.");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>Every suite the fixture's capabilities call for has a concrete subclass for <typeparamref name="TFixture"/> in the adapter's test assembly.</summary>
    [Fact]
    public void Every_required_conformance_suite_is_implemented()
    {
        var capabilities = new TFixture().Capabilities;
        var required = ConformanceSuiteAttribute.Suites()
            .Where(s => (capabilities & s.Suite.Requires) == s.Suite.Requires)
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
