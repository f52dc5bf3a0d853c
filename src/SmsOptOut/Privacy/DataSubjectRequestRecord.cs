using SmsOptOut.Consent;

namespace SmsOptOut.Privacy;

/// <summary>
/// A recorded data-subject request with its deadline, as stored: never the person's number. Kept once closed, as the
/// record of when and how it was answered.
/// </summary>
/// <param name="Reference">Your reference for the request (a ticket id), unique across the deployment.</param>
/// <param name="Kind">What the person asked for.</param>
/// <param name="Law">The law it is answered under.</param>
/// <param name="ReceivedAt">When it arrived: the deadline runs from here.</param>
/// <param name="DueAt">When the answer is due under <paramref name="Law"/>, without extension.</param>
public sealed record DataSubjectRequestRecord(string Reference, DataSubjectRequestKind Kind, DataProtectionLaw Law, DateTimeOffset ReceivedAt, DateTimeOffset DueAt)
{
    /// <summary>The account it concerns, or <see langword="null"/> for every account.</summary>
    public AccountId? Account { get; init; }

    /// <summary>The extended due date, once <see cref="IDataSubjectService.ExtendRequestAsync"/> extended it; otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? ExtendedDueAt { get; init; }

    /// <summary>Why it was extended (what you told the person); <see langword="null"/> when it was not.</summary>
    public string? ExtensionReason { get; init; }

    /// <summary>When it was answered and closed; <see langword="null"/> while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>How it was answered (for example "erased", or "access report sent by e-mail"); <see langword="null"/> while it is open.</summary>
    public string? Resolution { get; init; }

    /// <summary>The deadline in force: <see cref="ExtendedDueAt"/> when extended, otherwise <see cref="DueAt"/>.</summary>
    public DateTimeOffset Deadline => ExtendedDueAt ?? DueAt;

    /// <summary>Whether it is still open (not closed).</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Whether it is open and its <see cref="Deadline"/> has passed at <paramref name="now"/> (at the deadline itself it is not yet overdue).</summary>
    /// <param name="now">The time to judge at, from the application's <see cref="TimeProvider"/>.</param>
    /// <returns><see langword="true"/> when the answer is late.</returns>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && now > Deadline;
}
