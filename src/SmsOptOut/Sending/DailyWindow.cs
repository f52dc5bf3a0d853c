namespace SmsOptOut.Sending;

/// <summary>The hours of one day in which a <see cref="QuietHoursRule"/> allows messages, on the rule's clocks (the recipient's local time by default).</summary>
/// <param name="Earliest">The earliest local time a message may arrive.</param>
/// <param name="Latest">The local time from which messages must wait for the next open day (exclusive).</param>
public sealed record DailyWindow(TimeOnly Earliest, TimeOnly Latest)
{
    /// <summary>Whether <paramref name="time"/> is inside the window.</summary>
    /// <param name="time">A local time.</param>
    /// <returns><see langword="true"/> when a message may arrive then.</returns>
    public bool Contains(TimeOnly time) => Contains(Earliest, Latest, time);

    /// <summary>Whether <paramref name="time"/> is inside the window from <paramref name="earliest"/> to <paramref name="latest"/> (exclusive).</summary>
    internal static bool Contains(TimeOnly earliest, TimeOnly latest, TimeOnly time) => time >= earliest && time < latest;
}
