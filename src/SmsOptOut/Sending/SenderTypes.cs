namespace SmsOptOut.Sending;

/// <summary>The types of sending address a rule applies to (<see cref="QuietHoursRule.Senders"/>); combine them with <c>|</c>.</summary>
[Flags]
public enum SenderTypes
{
    /// <summary>No sender: a rule with it applies to nothing, and is refused.</summary>
    None = 0,

    /// <summary>A phone number that is not toll-free (a long code, a 10DLC number).</summary>
    LongCode = 1,

    /// <summary>A toll-free number (<c>Numbers.SenderAddress.IsTollFree</c>).</summary>
    TollFree = 2,

    /// <summary>A short code.</summary>
    ShortCode = 4,

    /// <summary>An alphanumeric sender ID.</summary>
    Alphanumeric = 8,

    /// <summary>A send that names no sending address (the transport's configured sender).</summary>
    Unspecified = 16,

    /// <summary>Every send, whatever its sender (the default).</summary>
    All = LongCode | TollFree | ShortCode | Alphanumeric | Unspecified,
}
