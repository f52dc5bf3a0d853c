namespace SmsOptOut.Consent;

/// <summary>How far a consent change reaches.</summary>
public enum SuppressionScope
{
    /// <summary>Every message of the account (the default; a keyword STOP always applies account-wide unless configured otherwise).</summary>
    Account = 1,

    /// <summary>Only messages sent to one list of the account (<see cref="ConsentEvent.List"/>).</summary>
    List = 2,
}
