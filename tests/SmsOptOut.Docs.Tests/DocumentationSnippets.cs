using System.Text.RegularExpressions;

namespace SmsOptOut.Docs.Tests;

/// <summary>The <c>```csharp</c> blocks of the README, <c>docs/</c> and the package READMEs.</summary>
public static partial class DocumentationSnippets
{
    public static string Root { get; } = FindRoot();

    /// <summary>One row per block: the file (relative to the repository) and the line the block starts on.</summary>
    public static TheoryData<string, int> All()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _) in Read())
        {
            data.Add(file, line);
        }

        return data;
    }

    public static string Code(string file, int line) => Read().Single(s => s.File == file && s.Line == line).Code;

    private static IEnumerable<(string File, int Line, string Code)> Read()
    {
        var files = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f)))
            .Concat(Directory.GetFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                yield return (file.Replace('\\', '/'), start, string.Join('\n', lines[start..end]));
                i = end;
            }
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsOptOut.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SmsOptOut.sln not found above " + AppContext.BaseDirectory);
    }
}
