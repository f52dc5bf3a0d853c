namespace SmsOptOut.Packaging.Tests;

/// <summary>
/// The public surface is held by PublicAPI.*.txt: in a copy of the sources, a public member added to a package fails
/// its build naming the member, until the member is written into the package's PublicAPI.Unshipped.txt.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PublicApiBaselineTests
{
    [Fact]
    public async Task A_public_member_added_without_updating_the_baseline_fails_the_build()
    {
        var copy = Path.Combine(Path.GetTempPath(), "smsoptout-api-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config" })
            {
                if (File.Exists(Path.Combine(Repository.Root, file)))
                {
                    File.Copy(Path.Combine(Repository.Root, file), Path.Combine(copy, file), overwrite: false);
                }
            }

            CopySources(Path.Combine(Repository.Root, "src"), Path.Combine(copy, "src"));
            var package = Path.Combine(copy, "src", "SmsOptOut.Email.Smtp");
            await File.WriteAllTextAsync(Path.Combine(package, "Added.cs"), """
                namespace SmsOptOut.Email.Smtp;

                /// <summary>A member nobody declared.</summary>
                public static class Added
                {
                    /// <summary>Answers.</summary>
                    /// <returns>42.</returns>
                    public static int Answer() => 42;
                }
                """);

            var refused = await Repository.RunAsync(package, TimeSpan.FromMinutes(5), "build", "-c", "Release");
            await File.AppendAllTextAsync(Path.Combine(package, "PublicAPI.Unshipped.txt"),
                "SmsOptOut.Email.Smtp.Added\nstatic SmsOptOut.Email.Smtp.Added.Answer() -> int\n");
            var accepted = await Repository.RunAsync(package, TimeSpan.FromMinutes(5), "build", "-c", "Release");

            refused.ExitCode.Should().NotBe(0, refused.Output);
            refused.Output.Should().Contain("RS0016").And.Contain("SmsOptOut.Email.Smtp.Added.Answer()");
            accepted.ExitCode.Should().Be(0, accepted.Output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopySources(directory, Path.Combine(to, name));
            }
        }
    }
}
