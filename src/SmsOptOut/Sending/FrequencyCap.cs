namespace SmsOptOut.Sending;

/// <summary>
/// At most <see cref="Messages"/> list messages per recipient in any rolling <see cref="Window"/>, counted in the
/// store so the cap holds across app instances. Recipients at the cap are skipped and reported
/// (<see cref="RecipientStatus.FrequencyCapped"/>). Add the caps that apply to you to <c>SmsOptOutOptions.Sending.FrequencyCaps</c>.
/// </summary>
public sealed record FrequencyCap
{
    /// <summary>The cap's name, reported with each skip (for example <c>FTSA</c>).</summary>
    public string Name { get; init; } = "frequency cap";

    /// <summary>The most messages in a window: 1 to 1,000.</summary>
    public int Messages { get; init; } = 3;

    /// <summary>The rolling window: more than zero, at most 31 days.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Whether every list message of the account counts, only those of the same list, or only those from the same sending address.</summary>
    public FrequencyCapScope Scope { get; init; } = FrequencyCapScope.Account;

    /// <summary>
    /// Florida: no more than three commercial solicitations to a person over 24 hours on the same subject matter (Fla.
    /// Stat. 501.616(6)(b), added by SB 1120 in 2021); a list stands for a subject. Applied to every recipient, which is
    /// stricter than the law.
    /// </summary>
    public static FrequencyCap Florida { get; } = new() { Name = "Florida, Fla. Stat. 501.616(6)(b)", Messages = 3, Window = TimeSpan.FromHours(24), Scope = FrequencyCapScope.List };
}
