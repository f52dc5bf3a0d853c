namespace SmsOptOut.Sending;

/// <summary>Which messages a <see cref="FrequencyCap"/> counts.</summary>
public enum FrequencyCapScope
{
    /// <summary>Every list message of the account to the recipient.</summary>
    Account = 1,

    /// <summary>The list messages of one list (one subject) to the recipient.</summary>
    List = 2,

    /// <summary>
    /// The list messages from one sending address (<see cref="ListSendRequest.From"/>) to the recipient; messages sent
    /// without one (the transport's own sender) count together.
    /// </summary>
    Sender = 3,
}
