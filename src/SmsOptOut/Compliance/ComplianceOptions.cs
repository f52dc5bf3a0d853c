namespace SmsOptOut.Compliance;

/// <summary>The jurisdictions whose rules SmsOptOut holds its settings to, at <c>SmsOptOutOptions.Compliance</c>.</summary>
public sealed class ComplianceOptions
{
    /// <summary>The profiles whose unsafe settings are refused at start-up. Default <see cref="ComplianceProfiles.None"/>: they are logged.</summary>
    public ComplianceProfiles Profiles { get; set; }

    /// <summary>
    /// Allows opt-outs narrower than the account (<c>KeywordScope.SendingNumber</c>, a landing page with
    /// <c>LinkScope = List</c>) under a profile. Off by default: the FCC applies a revocation to the sender, CASL s. 11
    /// requires a way to stop all commercial messages, and GDPR Art. 21(3) ends all direct marketing. Set it only
    /// where your counsel has decided that narrower opt-outs are right; it is logged at start-up.
    /// </summary>
    public bool AllowNarrowOptOutScopes { get; set; }
}
