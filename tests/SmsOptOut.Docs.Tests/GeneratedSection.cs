namespace SmsOptOut.Docs.Tests;

/// <summary>
/// A part of a Markdown file generated from the code, between <c>&lt;!-- name:begin --&gt;</c> and
/// <c>&lt;!-- name:end --&gt;</c> lines. A test compares it with what the code generates now and fails, saying how to
/// update it, when they differ; with <see cref="UpdateVariable"/> set to 1 it writes the new text instead.
/// </summary>
public static class GeneratedSection
{
    /// <summary>Set to <c>1</c> to rewrite every generated section from the code.</summary>
    public const string UpdateVariable = "SMSOPTOUT_UPDATE_DOCS";

    /// <summary>The text between the markers of <paramref name="name"/> in <paramref name="file"/> (relative to the repository).</summary>
    public static string Read(string file, string name)
    {
        var (text, start, end) = Locate(file, name);
        return text[start..end];
    }

    /// <summary>Fails unless the section holds <paramref name="expected"/>; rewrites it instead when asked to.</summary>
    public static void Check(string file, string name, string expected, string test)
    {
        var (text, start, end) = Locate(file, name);
        var actual = text[start..end];
        expected = expected.ReplaceLineEndings("\n");
        if (actual == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(DocumentationSnippets.Root, file), text[..start] + expected + text[end..]);
            return;
        }

        Assert.Fail($"{file}: the section '{name}' differs from what the code generates. Regenerate it with " +
            $"`{UpdateVariable}=1 dotnet test tests/SmsOptOut.Docs.Tests -c Release --filter {test}` and commit the file.\n" +
            $"Expected:\n{expected}\nActual:\n{actual}");
    }

    private static (string Text, int Start, int End) Locate(string file, string name)
    {
        var text = File.ReadAllText(Path.Combine(DocumentationSnippets.Root, file)).ReplaceLineEndings("\n");
        var begin = $"<!-- {name}:begin -->\n";
        var finish = $"<!-- {name}:end -->";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var end = text.IndexOf(finish, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{file} has no '{begin.Trim()}' … '{finish}' lines around the generated section.");
        return (text, start + begin.Length, end);
    }
}
