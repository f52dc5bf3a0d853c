namespace SmsOptOut.AspNetCore.Internal;

/// <summary>The body of <c>POST {inbound}/json</c>.</summary>
internal sealed record JsonInboundMessage(string? From, string? To, string? Body)
{
    public string? Account { get; init; }

    public string? MessageId { get; init; }

    public string? Provider { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When true, the confirmation comes back in the response for the gateway to send; otherwise the transport sends it.</summary>
    public bool ReplyInResponse { get; init; }
}

/// <summary>The answer of <c>POST {inbound}/json</c>.</summary>
internal sealed record JsonInboundResult(string Match, bool Changed, string? Reply, bool ReplySent, string? OptIn);
