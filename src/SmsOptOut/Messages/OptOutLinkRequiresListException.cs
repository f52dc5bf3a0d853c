namespace SmsOptOut.Messages;

/// <summary>
/// Thrown when a message that contains <c>{optout}</c> is rendered or sent to a single number: the opt-out link is a
/// list feature, because it records which list the person leaves.
/// </summary>
public sealed class OptOutLinkRequiresListException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OptOutLinkRequiresListException()
        : base("The message contains {optout}, but the opt-out link is only available when sending to a list. " +
               "Send it with SendToListAsync, or remove {optout} (for example use \"Reply STOP to opt out\") for a single-number send.")
    {
    }
}
