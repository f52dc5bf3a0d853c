namespace SmsOptOut.Sending;

/// <summary>The counts of a list send.</summary>
public sealed record ListSendResult
{
    /// <summary>Recipients read from the list.</summary>
    public long Total { get; init; }

    /// <summary>Messages the provider accepted.</summary>
    public long Sent { get; init; }

    /// <summary>Recipients skipped because they are opted out.</summary>
    public long Suppressed { get; init; }

    /// <summary>Recipients that are not possible phone numbers.</summary>
    public long Invalid { get; init; }

    /// <summary>Recipients that repeat an earlier number of the list.</summary>
    public long Duplicates { get; init; }

    /// <summary>Messages the provider refused, or whose fate is unknown.</summary>
    public long Failed { get; init; }

    /// <summary>Messages refused because the recipient opted out with the carrier (now recorded as opt-outs).</summary>
    public long OptedOutAtProvider { get; init; }

    /// <summary>Recipients skipped because their number is on a Do-Not-Call registry set; counted apart from opt-outs.</summary>
    public long DoNotCallRegistry { get; init; }

    /// <summary>Recipients outside their allowed hours (<see cref="SendingOptions.QuietHours"/>): not sent; each outcome says from when they may be.</summary>
    public long Deferred { get; init; }

    /// <summary>Recipients skipped because they lack the consent the list requires (<see cref="ListSendRequest.Consent"/>); counted apart from opt-outs.</summary>
    public long NoConsent { get; init; }

    /// <summary>Recipients skipped because a frequency cap was reached (<see cref="SendingOptions.FrequencyCaps"/>).</summary>
    public long FrequencyCapped { get; init; }

    /// <summary>Of the <see cref="Deferred"/> recipients, those held in the store for the scheduler to send (<see cref="SendingOptions.HoldDeferred"/>).</summary>
    public long Held { get; init; }

    /// <summary>Whether the send was cancelled; the counts cover what happened before.</summary>
    public bool Cancelled { get; init; }
}
