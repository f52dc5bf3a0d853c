namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>Finds the machine's Chromium (Debian's <c>chromium</c>, or <c>CHROMIUM_PATH</c>) for the browser tests.</summary>
internal static class Chromium
{
    /// <summary>Set by <c>.ci/run</c>: a missing browser (or database server) fails the run instead of skipping.</summary>
    public const string RequireVariable = "SMSOPTOUT_REQUIRE_SERVERS";

    public static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "chromium")));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    /// <summary>The browser's path; skips the test when there is none, unless the run requires it, where it fails.</summary>
    public static string Require()
    {
        if (Find() is { } path)
        {
            return path;
        }

        const string Reason = "Chromium not found (looked at CHROMIUM_PATH, /usr/bin/chromium and PATH): apt-get install chromium";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException(Reason + $" — {RequireVariable}=1 requires it.");
        }

        Skip.If(true, Reason);
        return string.Empty;
    }

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> at the repository root (CI keeps <c>artifacts/</c>).</summary>
    public static string ScreenshotFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsOptOut.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
