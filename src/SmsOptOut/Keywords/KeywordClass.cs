namespace SmsOptOut.Keywords;

/// <summary>What an inbound message asks for.</summary>
public enum KeywordClass
{
    /// <summary>An ordinary reply: no action.</summary>
    None = 0,

    /// <summary>Stop sending messages (STOP, UNSUBSCRIBE, ARRET …).</summary>
    OptOut = 1,

    /// <summary>Resume sending messages (START, UNSTOP, YES, RESUME).</summary>
    OptIn = 2,

    /// <summary>Send the help text (HELP, INFO).</summary>
    Help = 3,
}
