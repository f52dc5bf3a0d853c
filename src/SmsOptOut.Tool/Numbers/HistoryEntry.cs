using SmsOptOut.Consent;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Numbers;

/// <summary>The answer of <c>history</c> (docs/schemas/v1/history.schema.json): the number's events, oldest first, and its recorded consent (null: none).</summary>
internal sealed record HistoryAnswer(int Version, string Account, string Number, IReadOnlyList<EventEntry> Events, Consents.ConsentEntry? Consent);

/// <summary>
/// One consent event as <c>history</c> and <c>export --format jsonl</c> write it (docs/schemas/v1/event.schema.json):
/// <see cref="Timestamp"/> is when the person acted (the webhook's <c>timestamp</c>), <see cref="RecordedAt"/> when
/// SmsOptOut learned of it; <see cref="PausedUntil"/> when a pause ends, <see cref="Reverts"/> the pause an opt-in ended.
/// </summary>
internal sealed record EventEntry(string EventId, string Account, string Kind, string Number, string Timestamp, string RecordedAt, string Source, string Scope, string? List,
    string? Campaign, EvidenceEntry Evidence, string? PausedUntil, string? Reverts)
{
    public static EventEntry Of(ConsentEvent e) => new(e.EventId, e.Account.Value, Spell.Kind(e.Kind), e.Number.ToString(), Spell.Instant(e.OccurredAt), Spell.Instant(e.RecordedAt),
        Spell.Source(e.Source), Spell.Scope(e.Scope), e.List?.Value, e.Campaign?.Value, EvidenceEntry.Of(e.Evidence),
        e.PausedUntil is { } until ? Spell.Instant(until) : null, e.Reverts);
}

/// <summary>What proves an event; null where it was not recorded.</summary>
internal sealed record EvidenceEntry(string? MessageText, string? Note, string? Provider, string? ProviderMessageId, string? ProviderErrorCode, string? LinkToken, string? IpAddress,
    string? UserAgent)
{
    public static EvidenceEntry Of(ConsentEvidence e) => new(e.MessageText, e.Note, e.ProviderName, e.ProviderMessageId, e.ProviderErrorCode, e.LinkToken, e.IpAddress, e.UserAgent);
}
