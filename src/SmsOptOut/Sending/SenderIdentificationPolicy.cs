namespace SmsOptOut.Sending;

/// <summary>Whether every list message must identify its sender (CASL s. 6(2), ePrivacy Art. 13(4), CTIA).</summary>
public enum SenderIdentificationPolicy
{
    /// <summary>No check.</summary>
    Off = 0,

    /// <summary>
    /// The default: a list message that does not name the sender gets the account's identification text appended;
    /// without one it is sent and a warning is logged.
    /// </summary>
    Warn = 1,

    /// <summary>As <see cref="Warn"/>, but a message that neither names the sender nor can have the text appended is refused before anything is sent.</summary>
    Enforce = 2,
}
