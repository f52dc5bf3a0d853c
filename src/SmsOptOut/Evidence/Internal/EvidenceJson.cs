using System.Text.Encodings.Web;
using System.Text.Json;

namespace SmsOptOut.Evidence.Internal;

/// <summary>How the evidence documents (checkpoints, certificates, consistency proofs) are written.</summary>
internal static class EvidenceJson
{
    /// <summary>Indented, with <c>+</c>, <c>&lt;</c> and text outside ASCII written as themselves, as the tool's other JSON (docs/operations.md).</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
