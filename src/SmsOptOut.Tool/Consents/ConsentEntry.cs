using SmsOptOut.OptIn;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Consents;

/// <summary>
/// A number's recorded consent as <c>history</c> and <c>consents</c> write it: its level, what it rests on, since when
/// and until when (null: it does not expire).
/// </summary>
internal sealed record ConsentEntry(string Number, string Level, string Basis, string? Since, string? ExpiresAt)
{
    public static ConsentEntry Of(OptInRecord record) =>
        new(record.Number.ToString(), Spell.Level(record.Level), Spell.Basis(record.Basis), Spell.Instant(record.LevelAt), Spell.Instant(record.ConsentExpiresAt));

    /// <summary>One line for people: "opted-in (purchase) since 2026-01-02 10:00 UTC, expires 2027-07-02 10:00 UTC".</summary>
    public static string Describe(OptInRecord record) =>
        $"{Spell.Level(record.Level)} ({Spell.Basis(record.Basis)})"
        + (record.LevelAt is { } since ? $" since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : string.Empty)
        + (record.ConsentExpiresAt is { } expires ? $", expires {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : ", does not expire");
}
