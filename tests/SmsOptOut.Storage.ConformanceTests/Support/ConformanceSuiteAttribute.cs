using System.Reflection;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// Marks an abstract suite that storage adapters' test projects must subclass (see <see cref="ConformanceSuiteGuard{TFixture}"/>).
/// A suite that proves an optional contract requires that contract's flag (<see cref="StorageContract.Capability"/>), so
/// the suites of each contract are read from here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConformanceSuiteAttribute : Attribute
{
    /// <summary>The capabilities an adapter must declare for this suite to be required of it (and run for it).</summary>
    public StorageCapabilities Requires { get; init; }

    /// <summary>Every suite of the conformance kit, with its attribute.</summary>
    /// <returns>The suites, in no particular order.</returns>
    public static IReadOnlyList<(Type Type, ConformanceSuiteAttribute Suite)> Suites() =>
        [.. typeof(ConformanceSuiteAttribute).Assembly.GetTypes()
            .Select(t => (Type: t, Suite: t.GetCustomAttribute<ConformanceSuiteAttribute>()))
            .Where(s => s.Suite is not null)
            .Select(s => (s.Type, s.Suite!))];

    /// <summary>The attribute of the suite <paramref name="type"/> is or derives from, or <see langword="null"/>.</summary>
    /// <param name="type">A suite or a subclass of one.</param>
    /// <returns>The attribute, or <see langword="null"/>.</returns>
    public static ConformanceSuiteAttribute? Of(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            var definition = t.IsGenericType ? t.GetGenericTypeDefinition() : t;
            if (definition.GetCustomAttribute<ConformanceSuiteAttribute>() is { } suite)
            {
                return suite;
            }
        }

        return null;
    }
}
