namespace SmsOptOut.Consent;

/// <summary>The direction of a consent change.</summary>
public enum ConsentKind
{
    /// <summary>The person asked to receive no more messages.</summary>
    OptOut = 1,

    /// <summary>The person asked to receive messages again.</summary>
    OptIn = 2,
}
