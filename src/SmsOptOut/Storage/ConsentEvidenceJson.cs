using System.Text.Json;
using System.Text.Json.Serialization;
using SmsOptOut.Consent;

namespace SmsOptOut.Storage;

/// <summary>
/// The JSON form of <see cref="ConsentEvidence"/> every storage adapter keeps, so evidence written by one adapter reads
/// back the same in another. Empty evidence is stored as <see langword="null"/>. For storage adapter authors.
/// </summary>
public static class ConsentEvidenceJson
{
    /// <summary>Serializes evidence, or returns <see langword="null"/> when it holds nothing.</summary>
    /// <param name="evidence">The evidence.</param>
    /// <returns>Compact JSON with only the properties that are set, or <see langword="null"/>.</returns>
    public static string? Serialize(ConsentEvidence? evidence) =>
        evidence is null || evidence == ConsentEvidence.None ? null : JsonSerializer.Serialize(evidence, EvidenceJsonContext.Default.ConsentEvidence);

    /// <summary>Reads evidence written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON, or <see langword="null"/>.</param>
    /// <returns>The evidence; <see cref="ConsentEvidence.None"/> for <see langword="null"/>.</returns>
    /// <exception cref="JsonException">The text is not evidence JSON.</exception>
    public static ConsentEvidence Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? ConsentEvidence.None : JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.ConsentEvidence) ?? ConsentEvidence.None;
}

/// <summary>Source-generated serialization of evidence (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConsentEvidence))]
internal sealed partial class EvidenceJsonContext : JsonSerializerContext;
