namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>The webhook requests the inbound suite sends.</summary>
public enum InboundCase
{
    /// <summary>Signed with the account's credentials, as the provider sends it.</summary>
    Valid = 1,

    /// <summary>Signed, then its body changed.</summary>
    TamperedBody = 2,

    /// <summary>Signed with another key or token.</summary>
    WrongKey = 3,

    /// <summary>Without any signature or secret.</summary>
    NoSignature = 4,

    /// <summary>Signed, with a timestamp older than the provider's tolerance.</summary>
    Expired = 5,
}
