using SmsOptOut.Consent;

namespace SmsOptOut.Keywords;

/// <summary>What processing an inbound message did.</summary>
/// <param name="Match">How the message was classified.</param>
public sealed record InboundSmsResult(KeywordMatch Match)
{
    /// <summary>The opt-out or opt-in recorded, if the message was one.</summary>
    public ConsentResult? Consent { get; init; }

    /// <summary>The double opt-in this message (a YES) confirmed, if it did.</summary>
    public OptIn.OptInRecord? OptIn { get; init; }

    /// <summary>The reply to send, or <see langword="null"/> when none is due (see <see cref="NoReplyReason"/>).</summary>
    public string? Reply { get; init; }

    /// <summary>Whether the processor sent <see cref="Reply"/> through the transport (always false with <see cref="InboundReplyDelivery.Caller"/>).</summary>
    public bool ReplySent { get; init; }

    /// <summary>Why no reply is due: already answered within the quiet period, outside the reply window, replies off, a duplicate.</summary>
    public string? NoReplyReason { get; init; }
}
