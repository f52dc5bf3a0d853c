using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmsOptOut.Docs.Tests;

/// <summary>
/// Every C# block in the README, <c>docs/</c> and the package READMEs compiles against the real packages. A block of
/// statements is compiled as the body of an async method in which the names the docs use for the host's objects
/// (<c>services</c>, <c>app</c>, <c>provider</c>, <c>recipients</c>, …) exist, unless the block declares them itself;
/// a block that declares types is compiled as a file.
/// </summary>
public sealed partial class DocumentationCodeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using OpenTelemetry;
        using OpenTelemetry.Metrics;
        using OpenTelemetry.Trace;
        using SmsOptOut;
        using SmsOptOut.Accounts;
        using SmsOptOut.AspNetCore;
        using SmsOptOut.Compliance;
        using SmsOptOut.Consent;
        using SmsOptOut.Diagnostics;
        using SmsOptOut.DoNotCall;
        using SmsOptOut.Evidence;
        using SmsOptOut.Email.Smtp;
        using SmsOptOut.Keywords;
        using SmsOptOut.Links;
        using SmsOptOut.Messages;
        using SmsOptOut.Numbers;
        using SmsOptOut.OptIn;
        using SmsOptOut.Preferences;
        using SmsOptOut.Privacy;
        using SmsOptOut.Providers;
        using SmsOptOut.Reports;
        using SmsOptOut.Sending;
        using SmsOptOut.Storage.PostgreSql;
        using SmsOptOut.Storage.Sqlite;
        using SmsOptOut.Suppression;
        using SmsOptOut.Transport.Plivo;
        using SmsOptOut.Transport.SmsTo;
        using SmsOptOut.Transport.Telnyx;
        using SmsOptOut.Transport.Twilio;
        using SmsOptOut.Transport.Vonage;
        using SmsOptOut.Webhooks;

        """;

    /// <summary>The host objects the docs refer to without creating them.</summary>
    private static readonly (string Name, string Type)[] Ambient =
    [
        ("services", "IServiceCollection"), ("builder", "WebApplicationBuilder"), ("app", "WebApplication"), ("provider", "IServiceProvider"),
        ("config", "IConfiguration"), ("numbers", "PhoneNumber[]"), ("batch", "PhoneNumber[]"), ("recipients", "IAsyncEnumerable<string>"),
        ("dataSource", "Npgsql.NpgsqlDataSource"), ("multiplexer", "StackExchange.Redis.IConnectionMultiplexer"), ("from", "DateTimeOffset"),
        ("until", "DateTimeOffset"), ("context", "HttpContext"), ("cancellationToken", "CancellationToken"), ("args", "string[]"),
    ];

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray());

    public static TheoryData<string, int> Snippets => DocumentationSnippets.All();

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_code_block_compiles(string file, int line)
    {
        var code = DocumentationSnippets.Code(file, line);
        var source = TypeDeclaration().IsMatch(code) ? Usings + code : Usings + Wrap(code);

        var compilation = CSharpCompilation.Create("Snippet", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

        errors.Should().BeEmpty($"the block at {file}:{line} must compile:\n{source}");
    }

    [Fact]
    public void The_documentation_has_code_blocks_to_check()
    {
        Snippets.Count.Should().BeGreaterThan(20);
    }

    private static string Wrap(string statements)
    {
        var declarations = Ambient
            .Where(a => Regex.IsMatch(statements, $@"\b{a.Name}\b") && !Regex.IsMatch(statements, $@"\b(var|[\w.<>\[\]]+)\s+{a.Name}\s*(=|;)"))
            .Select(a => $"        {a.Type} {a.Name} = default!;\n");
        return "internal static class Snippet\n{\n    public static async Task RunAsync()\n    {\n" + string.Concat(declarations) + statements + "\n        await Task.CompletedTask;\n    }\n}\n";
    }

    [GeneratedRegex(@"^(public|internal)?\s*(sealed |static |abstract |partial )*(class|record|interface|struct) \w+", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
