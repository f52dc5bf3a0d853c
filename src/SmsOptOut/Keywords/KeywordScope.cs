namespace SmsOptOut.Keywords;

/// <summary>What a keyword opt-out suppresses.</summary>
public enum KeywordScope
{
    /// <summary>Every message of the account (the default).</summary>
    Account = 1,

    /// <summary>
    /// Only messages from the number the keyword was sent to: recorded as a list-scoped suppression of
    /// <see cref="SendingNumberScope.ListFor"/>, which list sends from that number check.
    /// </summary>
    SendingNumber = 2,
}
