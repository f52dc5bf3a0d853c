namespace SmsOptOut.Webhooks;

/// <summary>The life of an <see cref="OutboxMessage"/>.</summary>
public enum OutboxMessageState
{
    /// <summary>Waiting for its next attempt (or being attempted under a lease).</summary>
    Pending = 0,

    /// <summary>Delivered: the receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Given up after the last attempt or because the endpoint is gone (410); kept and replayable.</summary>
    DeadLettered = 2,
}
