namespace SmsOptOut.Sending;

/// <summary>What consent a list send requires of each recipient beyond not being suppressed (<see cref="ListSendRequest.Consent"/>).</summary>
public enum ConsentRequirement
{
    /// <summary>None: every recipient that is not suppressed is sent to (the default).</summary>
    None = 0,

    /// <summary>A recorded opt-in of any level (<c>OptInLevel.OptedIn</c> or <c>Confirmed</c>).</summary>
    OptIn = 1,

    /// <summary>A confirmed double opt-in (<c>OptInLevel.Confirmed</c>): prior express written consent for marketing texts.</summary>
    ConfirmedOptIn = 2,
}
