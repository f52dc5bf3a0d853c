namespace SmsOptOut.OptIn;

/// <summary>How a number consented to an account's messages, as <see cref="IOptInStore"/> records it.</summary>
public enum OptInLevel
{
    /// <summary>No opt-in is recorded (a confirmation may be pending).</summary>
    None = 0,

    /// <summary>An opt-in without a confirmation: a sign-up the host recorded, or a START/UNSTOP keyword.</summary>
    OptedIn = 1,

    /// <summary>A double opt-in: the person answered the confirmation text with YES (or its equivalent) in time.</summary>
    Confirmed = 2,
}
