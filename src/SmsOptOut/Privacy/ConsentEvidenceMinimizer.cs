using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Privacy;

/// <summary>
/// What retention removes from evidence: the IP address, user agent, message text and note — the details that identify
/// or profile a person. Provider, message and link ids stay: they tie the event to its source. For storage adapter authors.
/// </summary>
public static class ConsentEvidenceMinimizer
{
    /// <summary>Whether <paramref name="evidence"/> holds any detail retention removes.</summary>
    /// <param name="evidence">The evidence.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool HasPersonalDetails(ConsentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.IpAddress is not null || evidence.UserAgent is not null || evidence.MessageText is not null || evidence.Note is not null;
    }

    /// <summary>The evidence without its personal details.</summary>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The minimized evidence.</returns>
    public static ConsentEvidence Minimize(ConsentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence with { IpAddress = null, UserAgent = null, MessageText = null, Note = null };
    }

    /// <summary>Stored evidence JSON (<see cref="ConsentEvidenceJson"/>) without its personal details; <see langword="null"/> when nothing is left.</summary>
    /// <param name="json">The stored JSON.</param>
    /// <returns>The minimized JSON.</returns>
    public static string? Minimize(string? json) => ConsentEvidenceJson.Serialize(Minimize(ConsentEvidenceJson.Deserialize(json)));
}
