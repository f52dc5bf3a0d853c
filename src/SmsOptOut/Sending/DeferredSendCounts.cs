namespace SmsOptOut.Sending;

/// <summary>How many held messages a store keeps.</summary>
/// <param name="Pending">Waiting for their time.</param>
/// <param name="Claimed">Claimed by a scheduler that has not reported them sent: in flight, or in doubt when a process died mid-send (never sent again on their own).</param>
public sealed record DeferredSendCounts(long Pending, long Claimed);
