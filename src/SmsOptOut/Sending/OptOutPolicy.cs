namespace SmsOptOut.Sending;

/// <summary>Whether every list message must offer a way to opt out.</summary>
public enum OptOutPolicy
{
    /// <summary>No check.</summary>
    Off = 0,

    /// <summary>The default: a list message with neither <c>{optout}</c> nor an opt-out instruction is sent, and a warning is logged.</summary>
    Warn = 1,

    /// <summary>A list message with neither <c>{optout}</c> nor an opt-out instruction is refused before anything is sent.</summary>
    Enforce = 2,
}
