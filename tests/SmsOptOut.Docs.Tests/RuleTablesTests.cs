namespace SmsOptOut.Docs.Tests;

/// <summary>The rule-table check fails, naming the row, on each thing a rule row can lack; a complete table passes.</summary>
public sealed class RuleTablesTests
{
    private const string Header = """
        Some text.

        | rule | binds | kind | what it asks | source |
        |---|---|---|---|---|
        """;

    private static List<string> ProblemsOf(params string[] rows) =>
        [.. RuleTables.Problems((Header + "\n" + string.Join("\n", rows) + "\n\nAfter the table.").Split('\n'))];

    [Fact]
    public void A_complete_table_has_no_problems()
    {
        ProblemsOf(
            "| **Quiet hours**, 47 CFR 64.1200(c)(1) | marketing | regulation | 8–21 | [eCFR](https://www.ecfr.gov/x) |",
            "| **Canada**, s. 6(2) | marketing, transactional | statute, regulation | a pipe \\| inside | [CASL](https://laws-lois.justice.gc.ca/x); [copy](http://example.org) |",
            "| Opt-out | `all` | order | stop | [FR](https://www.govinfo.gov/x) |")
            .Should().BeEmpty();
    }

    [Fact]
    public void A_row_without_a_purpose_scope_is_named()
    {
        ProblemsOf("| **Quiet hours** | | regulation | 8–21 | [eCFR](https://www.ecfr.gov/x) |")
            .Should().ContainSingle().Which.Should().Contain("line 5 (Quiet hours)").And.Contain("purpose scope is empty");
    }

    [Theory]
    [InlineData("promotional")]
    [InlineData("Marketing")]
    [InlineData("marketing; informational")]
    [InlineData("marketing, alerts")]
    public void A_purpose_scope_outside_the_four_words_is_named(string binds)
    {
        ProblemsOf($"| **Calling hours** | {binds} | regulation | 8–21 | [eCFR](https://www.ecfr.gov/x) |")
            .Should().ContainSingle().Which.Should().Contain("line 5 (Calling hours): purpose scope");
    }

    [Fact]
    public void All_with_another_purpose_is_named()
    {
        ProblemsOf("| **Opt-out** | all, marketing | regulation | stop | [FR](https://www.govinfo.gov/x) |")
            .Should().ContainSingle().Which.Should().Contain("names 'all' with other purposes");
    }

    [Theory]
    [InlineData("law")]
    [InlineData("guideline")]
    [InlineData("")]
    [InlineData("regulation, law")]
    public void A_kind_outside_the_set_is_named(string kind)
    {
        ProblemsOf($"| **DNC registry** | marketing | {kind} | no marketing | [FR](https://www.govinfo.gov/x) |")
            .Should().ContainSingle().Which.Should().Contain("line 5 (DNC registry): kind");
    }

    [Theory]
    [InlineData("")]
    [InlineData("47 CFR 64.1200")]
    [InlineData("https://www.ecfr.gov/x")]
    [InlineData("[eCFR](http://www.ecfr.gov/x)")]
    [InlineData("[eCFR]()")]
    public void A_row_without_an_https_source_link_is_named(string source)
    {
        ProblemsOf($"| **Company list** | marketing | regulation | a policy | {source} |")
            .Should().ContainSingle().Which.Should().Contain("line 5 (Company list): no source link");
    }

    [Fact]
    public void Each_lack_of_a_row_is_named_and_other_rows_are_not()
    {
        var problems = ProblemsOf(
            "| **Good** | marketing | statute | x | [a](https://a.example) |",
            "| **Bad** | everyone | law | x | none |");

        problems.Should().HaveCount(3).And.OnlyContain(p => p.StartsWith("line 6 (Bad)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_with_missing_cells_is_named()
    {
        ProblemsOf("| **Short row** | marketing | statute |")
            .Should().ContainSingle().Which.Should().Contain("line 5 (Short row): 3 cells under a header of 5");
    }

    [Fact]
    public void A_table_with_a_source_but_no_binds_or_kind_column_is_named()
    {
        var lines = """
            | rule | in force | source |
            |---|---|---|
            | **Quiet hours** | 2003 | [eCFR](https://www.ecfr.gov/x) |
            """.Split('\n');

        RuleTables.Problems(lines).Should().BeEquivalentTo(
            "line 1: a rule table (it has a source column) without a 'binds' column: rule | in force | source",
            "line 1: a rule table (it has a source column) without a 'kind' column: rule | in force | source");
    }

    [Fact]
    public void A_table_without_a_source_column_is_not_a_rule_table()
    {
        var lines = """
            | reply | default |
            |---|---|
            | `OptOutReply` | text |
            """.Split('\n');

        RuleTables.Parse(lines).Should().ContainSingle().Which.IsRuleTable.Should().BeFalse();
        RuleTables.Problems(lines).Should().BeEmpty();
    }
}
