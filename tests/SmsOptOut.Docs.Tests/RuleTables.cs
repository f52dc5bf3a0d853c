using System.Text;
using System.Text.RegularExpressions;

namespace SmsOptOut.Docs.Tests;

/// <summary>
/// The rule tables of a Markdown document and what each row lacks. A table with a <c>source</c> column is a rule table:
/// it must also have a <c>binds</c> column (the purposes of message the rule binds: <c>marketing</c>,
/// <c>informational</c>, <c>transactional</c>, comma-separated, or <c>all</c>) and a <c>kind</c> column (<c>statute</c>,
/// <c>regulation</c>, <c>order</c>, <c>case</c>, <c>guidance</c>, <c>industry</c>, comma-separated), and each row's
/// source cell links an https page as <c>[text](https://…)</c>.
/// </summary>
public static partial class RuleTables
{
    /// <summary>The words a <c>binds</c> cell may hold.</summary>
    public static readonly IReadOnlyList<string> Purposes = ["marketing", "informational", "transactional", "all"];

    /// <summary>The words a <c>kind</c> cell may hold.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["statute", "regulation", "order", "case", "guidance", "industry"];

    /// <summary>Every table of <paramref name="lines"/>: a header row, a delimiter row, and the rows after it.</summary>
    public static IReadOnlyList<Table> Parse(IReadOnlyList<string> lines)
    {
        var tables = new List<Table>();
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (!lines[i].StartsWith('|') || !Delimiter().IsMatch(lines[i + 1]))
            {
                continue;
            }

            var columns = Cells(lines[i]);
            var rows = new List<Row>();
            var j = i + 2;
            for (; j < lines.Count && lines[j].StartsWith('|'); j++)
            {
                rows.Add(new Row(j + 1, Cells(lines[j])));
            }

            tables.Add(new Table(i + 1, columns, rows));
            i = j - 1;
        }

        return tables;
    }

    /// <summary>What the table as a whole lacks: a rule table without its <c>binds</c> or <c>kind</c> column.</summary>
    public static IEnumerable<string> TableProblems(Table table)
    {
        if (!table.IsRuleTable)
        {
            yield break;
        }

        foreach (var column in new[] { "binds", "kind" })
        {
            if (!table.Columns.Contains(column))
            {
                yield return $"line {table.HeaderLine}: a rule table (it has a source column) without a '{column}' column: {string.Join(" | ", table.Columns)}";
            }
        }
    }

    /// <summary>What one row of a rule table lacks, each problem naming the row's line and its rule.</summary>
    public static IEnumerable<string> RowProblems(Table table, Row row)
    {
        if (!table.IsRuleTable)
        {
            yield break;
        }

        var name = $"line {row.Line} ({row.Name})";
        if (row.Cells.Count != table.Columns.Count)
        {
            yield return $"{name}: {row.Cells.Count} cells under a header of {table.Columns.Count}";
            yield break;
        }

        if (table.Cell(row, "binds") is { } binds)
        {
            if (WordsProblem(binds, Purposes) is { } purposeProblem)
            {
                yield return $"{name}: purpose scope {purposeProblem}; expected marketing, informational or transactional (comma-separated), or all";
            }
            else if (Words(binds) is { Count: > 1 } purposes && purposes.Contains("all"))
            {
                yield return $"{name}: purpose scope '{binds}' names 'all' with other purposes";
            }
        }

        if (table.Cell(row, "kind") is { } kind && WordsProblem(kind, Kinds) is { } kindProblem)
        {
            yield return $"{name}: kind {kindProblem}; expected {string.Join(", ", Kinds)}";
        }

        if (table.Cell(row, "source") is { } source && !HttpsLink().IsMatch(source))
        {
            yield return $"{name}: no source link as [text](https://…) in '{source}'";
        }
    }

    /// <summary>Every problem of every table of <paramref name="lines"/>.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<string> lines) =>
        Parse(lines).SelectMany(t => TableProblems(t).Concat(t.Rows.SelectMany(r => RowProblems(t, r))));

    private static string? WordsProblem(string cell, IReadOnlyList<string> allowed)
    {
        var words = Words(cell);
        if (words.Count == 0)
        {
            return "is empty";
        }

        var unknown = words.Where(w => !allowed.Contains(w)).ToList();
        return unknown.Count == 0 ? null : $"'{cell}' holds {string.Join(", ", unknown.Select(w => $"'{w}'"))}";
    }

    private static List<string> Words(string cell) =>
        [.. cell.Replace("`", "", StringComparison.Ordinal).Split(',').Select(w => w.Trim()).Where(w => w.Length > 0)];

    /// <summary>The cells of a table row; <c>\|</c> is a pipe inside a cell.</summary>
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var text = row.Trim();
        for (var i = text.StartsWith('|') ? 1 : 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (text[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(text[i]);
            }
        }

        if (cell.ToString().Trim().Length > 0)
        {
            cells.Add(cell.ToString().Trim());
        }

        return cells;
    }

    [GeneratedRegex(@"^\|\s*:?-{3,}")]
    private static partial Regex Delimiter();

    [GeneratedRegex(@"\[[^\]]+\]\(https://[^)\s]+\)")]
    private static partial Regex HttpsLink();

    /// <summary>A table: its header's line (1-based), its column names and its rows.</summary>
    public sealed record Table(int HeaderLine, IReadOnlyList<string> Columns, IReadOnlyList<Row> Rows)
    {
        /// <summary>Whether the table lists rules: it has a <c>source</c> column.</summary>
        public bool IsRuleTable => Columns.Contains("source");

        /// <summary>The row's cell under <paramref name="column"/>, or <see langword="null"/> without such a column.</summary>
        public string? Cell(Row row, string column)
        {
            var index = Columns.ToList().IndexOf(column);
            return index < 0 || index >= row.Cells.Count ? null : row.Cells[index];
        }
    }

    /// <summary>A row: its line (1-based) and cells.</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Cells)
    {
        /// <summary>The row's first cell without emphasis, shortened: the rule it states.</summary>
        public string Name
        {
            get
            {
                var first = Cells.Count == 0 ? "" : Cells[0].Replace("***", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal);
                return first.Length <= 80 ? first : first[..77] + "...";
            }
        }
    }
}
