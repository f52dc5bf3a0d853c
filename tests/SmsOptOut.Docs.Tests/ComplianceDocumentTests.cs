namespace SmsOptOut.Docs.Tests;

/// <summary>
/// docs/compliance.md names a source for every claim: every table of it is a rule table (<see cref="RuleTables"/>), and
/// each rule row says which purposes of message it binds, what kind of rule it is, and links its source over https.
/// </summary>
public sealed class ComplianceDocumentTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(DocumentationSnippets.Root, "docs", "compliance.md"));

    private static readonly IReadOnlyList<RuleTables.Table> Tables = RuleTables.Parse(Lines);

    public static TheoryData<int> Rows()
    {
        var data = new TheoryData<int>();
        foreach (var row in Tables.SelectMany(t => t.Rows))
        {
            data.Add(row.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_rule_row_names_its_purpose_scope_its_kind_and_an_https_source(int line)
    {
        var table = Tables.Single(t => t.Rows.Any(r => r.Line == line));
        var row = table.Rows.Single(r => r.Line == line);

        string.Join("\n", RuleTables.RowProblems(table, row)).Should().BeEmpty($"docs/compliance.md:{line} is a rule row:\n{Lines[line - 1]}\n");
    }

    [Fact]
    public void Every_table_is_a_rule_table_with_a_binds_and_a_kind_column()
    {
        Tables.Where(t => !t.IsRuleTable).Select(t => $"line {t.HeaderLine}: {string.Join(" | ", t.Columns)}")
            .Should().BeEmpty("every table of docs/compliance.md links the sources of its rows in a 'source' column");
        Tables.SelectMany(RuleTables.TableProblems).Should().BeEmpty();
    }

    [Fact]
    public void The_document_has_the_tables_the_issue_asks_for()
    {
        var headings = Lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();

        headings.Should().Contain(
        [
            "## Which rules bind which purpose", "## United States: federal", "## United States: states (\"mini-TCPA\" acts)", "## Canada",
            "## European Union and United Kingdom", "## Industry: carriers' rules", "## Consent lifetimes", "## Request deadlines",
        ]);
        Tables.SelectMany(t => t.Rows).Count().Should().BeGreaterThan(50);
    }

    [Theory]
    [InlineData("GDPR Art. 21(4)")]
    [InlineData("GDPR\nArt. 12(3)")]
    [InlineData("Data (Use and Access) Act 2025")]
    [InlineData("CASL s. 10(1)")]
    [InlineData("Insurance Marketing Coalition v. FCC")]
    [InlineData("McLaughlin Chiropractic Associates v. McKesson Corp.")]
    [InlineData("47 CFR 64.1200(d)(4)")]
    [InlineData("Msg & data rates may apply")]
    [InlineData("Florida Telemarketing Act")]
    public void The_rules_the_review_found_missing_have_rows(string rule)
    {
        var rows = Tables.SelectMany(t => t.Rows).Select(r => Lines[r.Line - 1]).ToList();
        var words = rule.Split('\n');

        rows.Should().Contain(r => words.All(w => r.Contains(w, StringComparison.Ordinal)), $"docs/compliance.md must have a rule row for {rule.Replace('\n', ' ')}");
    }

    [Theory]
    [InlineData("Florida Telephone Solicitation Act**, Fla. Stat. 501.059, and 501.616", "501.616(6) is the Florida Telemarketing Act's, not the FTSA's")]
    [InlineData("or any other electronic means they choose", "CASL s. 11(1)(a): the same electronic means, another only where that is not practicable")]
    [InlineData("[ePrivacy Directive Art. 13(2)]", "the opt-out rule for every direct-marketing message is Art. 13(4)")]
    [InlineData("prior express written consent for marketing texts", "written consent binds autodialed or prerecorded marketing only")]
    [InlineData("kept for **5 years**", "47 CFR 64.1200(d)(6): a request is honored for 5 years")]
    [InlineData("rothjackson.com", "the Federal Register, not Roth Jackson, dates (a)(12): 4 April 2024")]
    public void The_corrected_claims_do_not_come_back(string claim, string because)
    {
        Lines.Where(l => l.Contains(claim, StringComparison.Ordinal)).Should().BeEmpty(because);
    }
}
