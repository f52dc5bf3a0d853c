namespace SmsOptOut.Tool.Cli;

/// <summary>Files the tool writes (<c>--output</c>, <c>--rejects</c>): a missing folder or a refused write is one line naming the option and the path (exit code 2), never a stack trace.</summary>
internal static class ToolFiles
{
    public static FileStream Create(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ToolException($"{option} {path} is a folder; expected a file name.");
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new ToolException($"{option} {path}: the folder {folder} does not exist; create it or choose another path.");
        }

        try
        {
            return new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{option} {path} cannot be written: {e.Message}");
        }
    }
}
