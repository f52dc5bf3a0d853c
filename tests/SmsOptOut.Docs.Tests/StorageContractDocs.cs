using System.Globalization;
using System.Text;
using SmsOptOut.Storage;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Docs.Tests;

/// <summary>Markdown generated from <see cref="StorageContracts.All"/> and the conformance kit's suites.</summary>
public static class StorageContractDocs
{
    /// <summary>The capabilities that are not contracts.</summary>
    private static readonly StorageCapabilities[] Qualities = [StorageCapabilities.Durable, StorageCapabilities.Shared, StorageCapabilities.SuppressionSnapshot];

    /// <summary>The table of docs/architecture.md: one row per contract, with the suites that prove it.</summary>
    public static string Table()
    {
        var text = new StringBuilder();
        text.Append("| contract | required | capability flag | keeps | conformance suites |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var contract in StorageContracts.All)
        {
            var suites = contract.IsRequired ? "the common suites" : Join(SuitesRequiring(contract.Capability));
            text.Append(CultureInfo.InvariantCulture, $"| `{contract.ServiceType.Name}` | {(contract.IsRequired ? "yes" : "no")} | {(contract.IsRequired ? "—" : $"`{contract.Capability}`")} | {contract.Purpose} | {suites} |\n");
        }

        text.Append('\n').Append(SuiteLists());
        return text.ToString();
    }

    /// <summary>Which suites run for which capabilities: the common ones, then those of durable and shared storage.</summary>
    public static string SuiteLists()
    {
        var suites = ConformanceSuiteAttribute.Suites();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Common suites, for every adapter: {Join(suites.Where(s => s.Suite.Requires == StorageCapabilities.None).Select(s => s.Type))}.\n");
        foreach (var quality in Qualities)
        {
            text.Append(CultureInfo.InvariantCulture, $"`{quality}`: {Join(suites.Where(s => s.Suite.Requires.HasFlag(quality)).Select(s => s.Type), withRest: true)}.\n");
        }

        return text.ToString();
    }

    private static IEnumerable<Type> SuitesRequiring(StorageCapabilities flag) =>
        ConformanceSuiteAttribute.Suites().Where(s => s.Suite.Requires.HasFlag(flag)).Select(s => s.Type);

    private static string Join(IEnumerable<Type> suites, bool withRest = false)
    {
        var names = suites.Select(t => Name(t, withRest)).Order(StringComparer.Ordinal).ToArray();
        return names.Length == 0 ? "—" : string.Join(", ", names);
    }

    /// <summary>A suite's name without its arity; with the other flags it needs, when asked.</summary>
    private static string Name(Type suite, bool withRest)
    {
        var name = $"`{suite.Name[..suite.Name.IndexOf('`', StringComparison.Ordinal)]}`";
        var requires = ConformanceSuiteAttribute.Of(suite)!.Requires & ~StorageCapabilities.Durable & ~StorageCapabilities.Shared & ~StorageCapabilities.SuppressionSnapshot;
        return withRest && requires != StorageCapabilities.None ? $"{name} (with `{requires}`)" : name;
    }
}
