using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>The JSON schemas published in docs/schemas/v1 (copied next to the tests), and validation of an answer against one.</summary>
internal static class Schemas
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    /// <summary>Every published schema's name (the file name without <c>.schema.json</c>).</summary>
    public static IReadOnlyList<string> Names =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas", "v1"), "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order()];

    /// <summary>Validates <paramref name="json"/> against the schema <paramref name="name"/>, formats included; returns the errors, none when valid.</summary>
    public static IReadOnlyList<string> Errors(string name, string json)
    {
        var schema = Loaded.GetOrAdd(name, static n => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", "v1", n + ".schema.json")));
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>Asserts that <paramref name="json"/> is valid against the schema <paramref name="name"/>.</summary>
    public static void ShouldMatch(string json, string name)
    {
        var errors = Errors(name, json);
        errors.Should().BeEmpty($"the output must match docs/schemas/v1/{name}.schema.json; it was:\n{json}");
    }
}
