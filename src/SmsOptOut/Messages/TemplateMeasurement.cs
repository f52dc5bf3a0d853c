namespace SmsOptOut.Messages;

/// <summary>What a template costs with its opt-out link, and without it.</summary>
/// <param name="WithLink">The message with the link rendered at its real length.</param>
/// <param name="WithoutLink">The message with the placeholder removed.</param>
public readonly record struct TemplateMeasurement(SmsSegmentInfo WithLink, SmsSegmentInfo WithoutLink)
{
    /// <summary>Whether the link pushes the message into more segments (and so a higher price).</summary>
    public bool LinkAddsSegment => WithLink.Segments > WithoutLink.Segments;
}
