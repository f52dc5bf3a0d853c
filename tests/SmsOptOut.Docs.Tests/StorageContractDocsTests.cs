using System.Globalization;
using System.Text.RegularExpressions;
using SmsOptOut.Storage;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Docs.Tests;

/// <summary>The documents that list storage contracts and suites say what the code declares.</summary>
public sealed class StorageContractDocsTests
{
    [Fact]
    public void The_architecture_table_of_storage_contracts_is_generated_from_the_declaration()
    {
        GeneratedSection.Check("docs/architecture.md", "storage-contracts", StorageContractDocs.Table(), nameof(StorageContractDocsTests));
    }

    [Fact]
    public void The_storage_kit_readme_lists_the_suites_of_the_kit()
    {
        GeneratedSection.Check("tests/SmsOptOut.Storage.ConformanceTests/README.md", "suites", StorageContractDocs.Table(), nameof(StorageContractDocsTests));
    }

    [Fact]
    public void The_table_names_every_contract_and_every_optional_flag_once()
    {
        var table = StorageContractDocs.Table();

        foreach (var contract in StorageContracts.All)
        {
            table.Should().Contain($"| `{contract.ServiceType.Name}` |");
            if (!contract.IsRequired)
            {
                table.Should().Contain($"| `{contract.Capability}` |");
            }
        }

        table.Should().Contain("`DoNotCallRegistryStoreTests`", "the suite of an optional contract is read from its attribute");
    }

    [Fact]
    public void Storage_md_gives_the_sample_adapter_s_size_within_a_tenth()
    {
        var text = File.ReadAllText(Path.Combine(DocumentationSnippets.Root, "docs", "storage.md"));
        var match = Regex.Match(text, @"one lock, about ([\d,]+) lines");
        match.Success.Should().BeTrue("docs/storage.md says how long the sample adapter is");
        var stated = int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        var actual = Directory.GetFiles(Path.Combine(DocumentationSnippets.Root, "tests", "SmsOptOut.Storage.SampleAdapter.Tests", "SampleAdapter"), "*.cs")
            .Sum(f => File.ReadAllLines(f).Length);

        Math.Abs(stated - actual).Should().BeLessThanOrEqualTo(actual / 10,
            $"docs/storage.md says the sample adapter is about {stated:N0} lines; it is {actual:N0} (tests/SmsOptOut.Storage.SampleAdapter.Tests/SampleAdapter)");
    }

    [Fact]
    public void Storage_md_describes_every_suite_of_the_kit_and_no_other()
    {
        var text = File.ReadAllText(Path.Combine(DocumentationSnippets.Root, "docs", "storage.md"));
        var start = text.IndexOf("### The conformance kit", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start, StringComparison.Ordinal);
        var section = text[start..(end < 0 ? text.Length : end)];
        var named = Regex.Matches(section, @"`(\w+Tests)`").Select(m => m.Groups[1].Value).ToHashSet();
        var suites = ConformanceSuiteAttribute.Suites().Select(s => s.Type.Name[..s.Type.Name.IndexOf('`', StringComparison.Ordinal)]).ToHashSet();

        suites.Except(named).Should().BeEmpty("docs/storage.md's conformance kit section describes every suite of the kit");
        named.Except(suites).Should().BeEmpty("docs/storage.md's conformance kit section names no suite the kit does not have");
    }
}
