using System.Text.RegularExpressions;

namespace SmsOptOut.Docs.Tests;

/// <summary>
/// docs/compliance.md names a source for every claim: each row of each of its tables links a primary text or a named
/// summary over http(s), and every rule row says what kind of rule it is.
/// </summary>
public sealed partial class ComplianceDocumentTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(DocumentationSnippets.Root, "docs", "compliance.md"));

    public static TheoryData<int> Rows()
    {
        var data = new TheoryData<int>();
        foreach (var (line, _) in TableRows())
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_links_its_source(int line)
    {
        var row = Lines[line - 1];

        Link().IsMatch(row).Should().BeTrue($"docs/compliance.md:{line} must link its source as [text](https://…):\n{row}");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_rule_row_says_its_kind(int line)
    {
        var header = TableHeader(line);
        if (!header.Contains("| kind |", StringComparison.Ordinal))
        {
            return;
        }

        var kind = Cells(Lines[line - 1])[Array.IndexOf(Cells(header), "kind")];
        kind.Should().MatchRegex("^(law|regulation|guideline|guidance)", $"docs/compliance.md:{line} must say whether the rule is law, regulation, guideline or guidance");
    }

    [Fact]
    public void The_document_has_the_tables_the_issue_asks_for()
    {
        var headings = Lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();

        headings.Should().Contain(["## United States: federal", "## United States: states (\"mini-TCPA\" acts)", "## Canada", "## European Union and United Kingdom"]);
        TableRows().Count().Should().BeGreaterThan(20);
    }

    private static IEnumerable<(int Line, string Text)> TableRows()
    {
        for (var i = 0; i < Lines.Length; i++)
        {
            var isRow = Lines[i].StartsWith('|');
            var isHeader = isRow && i + 1 < Lines.Length && Lines[i + 1].StartsWith("|---", StringComparison.Ordinal);
            if (isRow && !isHeader && !Lines[i].StartsWith("|---", StringComparison.Ordinal))
            {
                yield return (i + 1, Lines[i]);
            }
        }
    }

    private static string TableHeader(int line)
    {
        var i = line - 1;
        while (!Lines[i].StartsWith("|---", StringComparison.Ordinal))
        {
            i--;
        }

        return Lines[i - 1];
    }

    private static string[] Cells(string row) => [.. row.Trim('|').Split('|').Select(c => c.Trim())];

    [GeneratedRegex(@"\[[^\]]+\]\(https?://[^)\s]+\)")]
    private static partial Regex Link();
}
