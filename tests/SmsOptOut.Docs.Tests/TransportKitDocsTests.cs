using System.Text.RegularExpressions;
using SmsOptOut.Transport.ConformanceTests;

namespace SmsOptOut.Docs.Tests;

/// <summary>The provider kit's README describes every suite the kit publishes, and no other: the list cannot drift.</summary>
public sealed class TransportKitDocsTests
{
    [Fact]
    public void The_provider_kit_readme_describes_every_suite_of_the_kit_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(DocumentationSnippets.Root, "tests", "SmsOptOut.Transport.ConformanceTests", "README.md"));
        var named = Regex.Matches(readme, @"`(Provider\w+Tests)`").Select(m => m.Groups[1].Value).ToHashSet();
        var suites = typeof(ProviderTransportTests<>).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsGenericTypeDefinition && t.Name.StartsWith("Provider", StringComparison.Ordinal) && t.Name.Contains("Tests`", StringComparison.Ordinal))
            .Select(t => t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)])
            .ToHashSet();

        suites.Should().HaveCountGreaterThan(5, "the kit's suites are found by reflection");
        suites.Except(named).Should().BeEmpty("the README describes every suite of the provider kit");
        named.Except(suites).Should().BeEmpty("the README names no suite the kit does not have");
    }
}
