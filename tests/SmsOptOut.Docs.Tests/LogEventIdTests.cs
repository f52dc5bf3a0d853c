using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsOptOut.Docs.Tests;

/// <summary>
/// The log event ids of every package (each <c>[LoggerMessage(id, level, …)]</c> under src) against docs/observability.md:
/// no id twice, each inside its package's documented range, each a row of the table with its level, the table in id order.
/// </summary>
public sealed partial class LogEventIdTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(DocumentationSnippets.Root, "docs", "observability.md"));

    [Fact]
    public void No_event_id_is_used_twice_across_the_packages()
    {
        var duplicates = Messages().GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Package))}").ToArray();

        duplicates.Should().BeEmpty("an event id names one message of one package");
    }

    [Fact]
    public void Each_event_id_lies_in_its_package_s_documented_range()
    {
        var ranges = Ranges();
        ranges.Keys.Should().Contain(["SmsOptOut", "SmsOptOut.AspNetCore", "SmsOptOut.Storage.Sqlite"], "the ranges sentence is read");

        var outside = Messages()
            .Where(m => !ranges.TryGetValue(m.Package, out var range) || m.Id < range.From || m.Id > range.To)
            .Select(m => ranges.TryGetValue(m.Package, out var range) ? $"{m.Package} {m.Id} (its range {range.From}–{range.To})" : $"{m.Package} {m.Id} (no range documented)")
            .ToArray();

        outside.Should().BeEmpty("docs/observability.md gives each package its range of event ids");
    }

    [Fact]
    public void Each_event_id_is_a_row_of_the_table_with_its_level_and_the_table_is_in_id_order()
    {
        var rows = Rows();
        var packages = Ranges().Keys.ToArray();

        var missing = Messages()
            .Where(m => !rows.Any(r => r.Id == m.Id && r.Level == m.Level && PackageOf(r.Package, packages) == m.Package))
            .Select(m => $"{m.Id} {m.Level} {m.Package}")
            .ToArray();

        missing.Should().BeEmpty("every log event is documented in docs/observability.md, with its level, under its package");
        rows.Select(r => r.Id).Should().BeInAscendingOrder("the table lists the events in id order");
    }

    /// <summary>The package a row's category belongs to: the longest package name it is or starts with (<c>SmsOptOut.Providers</c> is the core's).</summary>
    private static string? PackageOf(string category, string[] packages) =>
        packages.Where(p => category == p || category.StartsWith(p + ".", StringComparison.Ordinal)).MaxBy(p => p.Length);

    private static List<(int Id, string Level, string Package)> Messages()
    {
        var messages = new List<(int, string, string)>();
        var src = Path.Combine(DocumentationSnippets.Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Split(Path.DirectorySeparatorChar);
            if (relative.Contains("bin") || relative.Contains("obj"))
            {
                continue;
            }

            foreach (Match match in LoggerMessage().Matches(File.ReadAllText(file)))
            {
                messages.Add((int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture), match.Groups["level"].Value, relative[0]));
            }
        }

        messages.Should().HaveCountGreaterThan(50, "the source's log messages are found");
        return messages;
    }

    private static Dictionary<string, (int From, int To)> Ranges()
    {
        var sentence = Document.Split('\n').Single(l => l.StartsWith("Event ids are stable; each package has its own range:", StringComparison.Ordinal));
        return RangeOf().Matches(sentence).ToDictionary(
            m => m.Groups["package"].Success ? m.Groups["package"].Value : "SmsOptOut",
            m => (int.Parse(m.Groups["from"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture)));
    }

    private static List<(int Id, string Level, string Package)> Rows()
    {
        var start = Document.IndexOf("| id | level | package | event |", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "docs/observability.md has the table of log events");
        var rows = new List<(int, string, string)>();
        foreach (var line in Document[start..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            foreach (var id in cells[1].Split(',', StringSplitOptions.TrimEntries))
            {
                rows.Add((int.Parse(id, CultureInfo.InvariantCulture), cells[2], cells[3]));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"\[LoggerMessage\(\s*(?:EventId\s*=\s*)?(?<id>\d+)\s*,\s*(?:Level\s*=\s*)?LogLevel\.(?<level>\w+)")]
    private static partial Regex LoggerMessage();

    [GeneratedRegex(@"(?:the core|`(?<package>[\w.]+)`) (?<from>\d+)–(?<to>\d+)")]
    private static partial Regex RangeOf();
}
