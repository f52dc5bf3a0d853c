using SmsOptOut.Privacy;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Privacy;

/// <summary>One data-subject request as the JSON answers spell it (docs/schemas/v1/requests.schema.json, request.schema.json).</summary>
internal sealed record RequestEntry(string Reference, string Kind, string Law, string? Account, string ReceivedAt, string DueAt, string? ExtendedDueAt, string? ExtensionReason,
    string Deadline, string? ClosedAt, string? Resolution, bool Overdue, int? DaysLeft)
{
    public static RequestEntry Of(DataSubjectRequestRecord r, DateTimeOffset now) => new(r.Reference, RequestSpelling.Kind(r.Kind), RequestSpelling.Law(r.Law), r.Account?.Value, Spell.Instant(r.ReceivedAt),
        Spell.Instant(r.DueAt), Spell.Instant(r.ExtendedDueAt), r.ExtensionReason, Spell.Instant(r.Deadline), Spell.Instant(r.ClosedAt), r.Resolution, r.IsOverdue(now),
        r.IsOpen ? RequestSpelling.DaysLeft(r, now) : null);
}

/// <summary>The answer of <c>requests</c>: the open requests, soonest deadline first (docs/schemas/v1/requests.schema.json).</summary>
internal sealed record RequestsAnswer(int Version, string? Account, string AsOf, int Open, int Overdue, IReadOnlyList<RequestEntry> Requests);

/// <summary>The answer of <c>requests add | extend | close</c>: what was done, and the request as it now is (docs/schemas/v1/request.schema.json).</summary>
internal sealed record RequestAnswer(int Version, string Action, RequestEntry Request);

/// <summary>How the tool spells requests' kinds and laws, and counts their days.</summary>
internal static class RequestSpelling
{
    /// <summary>The days left before the deadline, or, once it has passed, minus the days it is overdue; a day begun counts (1 in its last 24 hours).</summary>
    public static int DaysLeft(DataSubjectRequestRecord r, DateTimeOffset now) => (int)Math.Ceiling(Math.Abs((r.Deadline - now).TotalDays)) * (r.IsOverdue(now) ? -1 : 1);

    public static string Kind(DataSubjectRequestKind kind) => kind switch
    {
        DataSubjectRequestKind.Access => "access",
        DataSubjectRequestKind.Erasure => "erasure",
        _ => "objection",
    };

    public static string Law(DataProtectionLaw law) => law switch
    {
        DataProtectionLaw.Gdpr => "gdpr",
        DataProtectionLaw.UkGdpr => "uk-gdpr",
        DataProtectionLaw.Ccpa => "ccpa",
        DataProtectionLaw.Pipeda => "pipeda",
        _ => "quebec",
    };

    public const string Kinds = "access, erasure or objection";

    public const string Laws = "gdpr, uk-gdpr, ccpa, pipeda or quebec";

    public static DataSubjectRequestKind? ParseKind(string text) =>
        Enum.GetValues<DataSubjectRequestKind>().Cast<DataSubjectRequestKind?>().FirstOrDefault(k => string.Equals(Kind(k!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));

    public static DataProtectionLaw? ParseLaw(string text) =>
        Enum.GetValues<DataProtectionLaw>().Cast<DataProtectionLaw?>().FirstOrDefault(l => string.Equals(Law(l!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));
}
