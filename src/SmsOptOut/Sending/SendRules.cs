namespace SmsOptOut.Sending;

/// <summary>
/// The send-time rules a <see cref="MessagePurpose"/> is bound by, beyond suppression (which binds every message and is
/// not listed here); combine with <c>|</c>. <see cref="SendingOptions.PurposeRules"/> maps each purpose to its rules.
/// </summary>
[Flags]
public enum SendRules
{
    /// <summary>Only suppression: the opt-out rules bind every message.</summary>
    None = 0,

    /// <summary>Calling hours in the recipient's local time (<see cref="SendingOptions.QuietHours"/>).</summary>
    QuietHours = 1,

    /// <summary>The Do-Not-Call registry (<see cref="DoNotCall.IDoNotCallRegistry"/>), unless the send names an exemption.</summary>
    DoNotCallRegistry = 2,

    /// <summary>Frequency caps (<see cref="SendingOptions.FrequencyCaps"/>).</summary>
    FrequencyCaps = 4,

    /// <summary>The message names its sender (<see cref="SendingOptions.SenderIdentificationPolicy"/>).</summary>
    SenderIdentification = 8,

    /// <summary>The message offers a way to opt out (<see cref="SendingOptions.OptOutPolicy"/>).</summary>
    OptOutMechanism = 16,

    /// <summary>Every rule.</summary>
    All = QuietHours | DoNotCallRegistry | FrequencyCaps | SenderIdentification | OptOutMechanism,
}
