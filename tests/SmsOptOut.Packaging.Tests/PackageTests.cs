using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SmsOptOut.Packaging.Tests;

/// <summary>
/// What a user who takes the packages from NuGet gets: <c>dotnet pack</c> of the built solution into a local
/// folder (a version unique to this run, so no cached package hides a stale one), the metadata NuGet shows, and the
/// console demo built and run against those packages instead of the projects.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class PackageTests : IDisposable
{
    private static readonly string[] Packages =
    [
        "SmsOptOut", "SmsOptOut.Storage.Sqlite", "SmsOptOut.Storage.PostgreSql", "SmsOptOut.Storage.Redis", "SmsOptOut.AspNetCore",
        "SmsOptOut.Transport.Twilio", "SmsOptOut.Transport.SmsTo", "SmsOptOut.Transport.Telnyx", "SmsOptOut.Transport.Plivo", "SmsOptOut.Transport.Vonage",
        "SmsOptOut.Email.Smtp", "SmsOptOut.HealthChecks", "SmsOptOut.Storage.ConformanceTests", "SmsOptOut.Transport.ConformanceTests",
    ];

    /// <summary>The packages the WebApi sample is built from.</summary>
    private static readonly string[] WebApiPackages =
    [
        "SmsOptOut.AspNetCore", "SmsOptOut.Storage.Sqlite", "SmsOptOut.Transport.Twilio", "SmsOptOut.Transport.SmsTo", "SmsOptOut.Transport.Telnyx",
        "SmsOptOut.Transport.Plivo", "SmsOptOut.Transport.Vonage", "SmsOptOut.HealthChecks",
    ];

    /// <summary>What the WebApi sample takes from the package feed besides SmsOptOut: OpenTelemetry.</summary>
    private static readonly string[] WebApiThirdPartyPackages =
    [
        "OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Exporter.OpenTelemetryProtocol",
    ];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "smsoptout-pack-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _version = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1000, 9999)}";

    [Fact]
    public async Task Every_package_carries_its_metadata_and_the_demo_runs_on_the_packages()
    {
        var feed = Path.Combine(_work, "packages");
        var (packExit, packOutput) = await Repository.RunAsync(Repository.Root, TimeSpan.FromMinutes(5),
            "pack", "SmsOptOut.sln", "-c", Repository.Configuration, "--no-build", "-o", feed, $"-p:Version={_version}");
        packExit.Should().Be(0, packOutput);

        foreach (var id in Packages)
        {
            var package = Path.Combine(feed, $"{id}.{_version}.nupkg");
            File.Exists(package).Should().BeTrue($"{id} is packed");
            File.Exists(Path.ChangeExtension(package, ".snupkg")).Should().BeTrue($"{id} has a symbols package");
            using var zip = ZipFile.OpenRead(package);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string? Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Field("license").Should().Be("MIT", id);
            Field("readme").Should().Be("README.md", id);
            Field("description").Should().NotBeNullOrWhiteSpace(id);
            nuspec.Descendants().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value.Should().StartWith("https://github.com/", id);
            zip.Entries.Should().Contain(e => e.FullName == "README.md", id);
            zip.Entries.Should().Contain(e => e.FullName == $"lib/net10.0/{id}.dll", id).And.Contain(e => e.FullName == $"lib/net10.0/{id}.xml", $"{id} ships its XML docs");
            if (id == "SmsOptOut.AspNetCore")
            {
                nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Should()
                    .Contain("SmsOptOut").And.NotContain(d => d.StartsWith("SmsOptOut.Transport.", StringComparison.Ordinal),
                        "the web package maps whatever providers the host registers and depends on none");
            }
        }

        await The_tool_package_installs_as_a_dotnet_tool_and_runs(feed);

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        foreach (var source in Directory.GetFiles(Path.Combine(Repository.Root, "samples", "SmsOptOut.Samples.Console"), "*.cs"))
        {
            File.Copy(source, Path.Combine(consumer, Path.GetFileName(source)));
        }

        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="SmsOptOut" Version="{_version}" />
                <PackageReference Include="SmsOptOut.Storage.Sqlite" Version="{_version}" />
                <PackageReference Include="SmsOptOut.AspNetCore" Version="{_version}" />
                <PackageReference Include="Spectre.Console" Version="{PinnedVersion("Spectre.Console")}" />
              </ItemGroup>
            </Project>
            """);
        // Adds the local folder to the machine's sources (no <clear/>): the packages' own dependencies come from there.
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="smsoptout-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        var (runExit, runOutput) = await Repository.RunAsync(consumer, TimeSpan.FromMinutes(8),
            "run", "-c", "Release", "--", "--db", Path.Combine(_work, "demo.db"), "--contacts", "5");

        runExit.Should().Be(0, runOutput);
        runOutput.Should().Contain("All 13 expectations held");
        File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")).Should().Contain($"SmsOptOut.AspNetCore/{_version}", "the demo was built on the packages");

        await The_WebApi_sample_built_on_the_packages_maps_every_provider(feed);
    }

    private async Task The_tool_package_installs_as_a_dotnet_tool_and_runs(string feed)
    {
        var package = Path.Combine(feed, $"SmsOptOut.Tool.{_version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value.Should().Be("DotnetTool");
            nuspec.Descendants().First(e => e.Name.LocalName == "license").Value.Should().Be("MIT");
            zip.Entries.Should().Contain(e => e.FullName == "tools/net10.0/any/SmsOptOut.Tool.dll").And.Contain(e => e.FullName == "README.md");
        }

        var tools = Path.Combine(_work, "tools");
        var (installExit, installOutput) = await Repository.RunAsync(_work, TimeSpan.FromMinutes(3),
            "tool", "install", "SmsOptOut.Tool", "--tool-path", tools, "--add-source", feed, "--version", _version);
        installExit.Should().Be(0, installOutput);

        var run = new System.Diagnostics.ProcessStartInfo(Path.Combine(tools, "smsoptout")) { RedirectStandardOutput = true, RedirectStandardError = true };
        run.ArgumentList.Add("--help");
        using var process = System.Diagnostics.Process.Start(run)!;
        var help = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, help);
        help.Should().Contain("import").And.Contain("doctor").And.Contain("webhooks");
    }

    private async Task The_WebApi_sample_built_on_the_packages_maps_every_provider(string feed)
    {
        var web = Path.Combine(_work, "web");
        Directory.CreateDirectory(web);
        foreach (var source in Directory.GetFiles(Path.Combine(Repository.Root, "samples", "SmsOptOut.Samples.WebApi"), "*.cs"))
        {
            File.Copy(source, Path.Combine(web, Path.GetFileName(source)));
        }

        File.Copy(Path.Combine(_work, "consumer", "nuget.config"), Path.Combine(web, "nuget.config"));
        var references = string.Concat(WebApiPackages.Select(id => $"""<PackageReference Include="{id}" Version="{_version}" />"""))
            + string.Concat(WebApiThirdPartyPackages.Select(id => $"""<PackageReference Include="{id}" Version="{PinnedVersion(id)}" />"""));
        await File.WriteAllTextAsync(Path.Combine(web, "Web.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>{references}</ItemGroup>
            </Project>
            """);

        var (buildExit, buildOutput) = await Repository.RunAsync(web, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-o", Path.Combine(web, "out"));
        buildExit.Should().Be(0, buildOutput);
        var assets = await File.ReadAllTextAsync(Path.Combine(web, "obj", "project.assets.json"));
        foreach (var id in WebApiPackages)
        {
            assets.Should().Contain($"{id}/{_version}", $"the WebApi sample was built on the {id} package from {feed}");
        }

        var (output, answers) = await WebApiSample.CheckAsync(Path.Combine(web, "out", "Web.dll"), web);
        foreach (var provider in WebApiSample.Providers)
        {
            answers[provider].Should().Be(System.Net.HttpStatusCode.Forbidden, $"{provider}'s webhook is mapped from its package\n{output}");
        }

        answers.Should().Contain("health: Healthy", System.Net.HttpStatusCode.OK, "the health checks come from the SmsOptOut.HealthChecks package");
        answers.Should().Contain("dashboard, signed in with its chart", System.Net.HttpStatusCode.OK, "the dashboard comes from the SmsOptOut.AspNetCore package");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static string PinnedVersion(string id) =>
        PackageVersion().Matches(File.ReadAllText(Path.Combine(Repository.Root, "Directory.Packages.props")))
            .Single(m => m.Groups[1].Value == id).Groups[2].Value;

    [GeneratedRegex("<PackageVersion Include=\"([^\"]+)\" Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();
}
