namespace SmsOptOut.Sending;

/// <summary>Thrown by a list send under <see cref="OptOutPolicy.Enforce"/> when the message offers no way to opt out; nothing was sent.</summary>
public sealed class OptOutMechanismRequiredException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OptOutMechanismRequiredException()
        : base("The list message offers no way to opt out: add {optout} (the recipient's opt-out link) or an instruction such as " +
               "\"Reply STOP to opt out\". SmsOptOutOptions.Sending.OptOutPolicy is Enforce, so nothing was sent.")
    {
    }
}
