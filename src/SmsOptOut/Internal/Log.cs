using Microsoft.Extensions.Logging;

namespace SmsOptOut.Internal;

/// <summary>Every log message of the core package, source-generated, with stable event ids. Numbers are masked by the caller.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Consent {Kind} for {MaskedNumber} of account {Account} via {Source}: {Status}")]
    public static partial void ConsentHandled(ILogger logger, string kind, string maskedNumber, string account, string source, string status);

    [LoggerMessage(1002, LogLevel.Error, "Consent observer {Observer} failed for event {EventId}; the event stays recorded")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string eventId);

    [LoggerMessage(1101, LogLevel.Warning, "Stateless opt-out links use a random development key generated at startup: links stop working when the process restarts. Configure SmsOptOutOptions.Links.SigningKeys for anything but development.")]
    public static partial void DevelopmentLinkKey(ILogger logger);

    [LoggerMessage(1102, LogLevel.Information, "Deleted {Count} expired opt-out link tokens")]
    public static partial void ExpiredTokensDeleted(ILogger logger, int count);

    [LoggerMessage(1103, LogLevel.Warning, "Deleting expired opt-out link tokens failed; retrying at the next interval")]
    public static partial void TokenCleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(1201, LogLevel.Warning, "No reply to {MaskedNumber}: the message was received {Age} ago, outside the reply window")]
    public static partial void ReplyWindowMissed(ILogger logger, string maskedNumber, TimeSpan age);

    [LoggerMessage(1202, LogLevel.Warning, "Cannot reply to {MaskedNumber}: no ISmsTransport is registered")]
    public static partial void NoTransportForReply(ILogger logger, string maskedNumber);

    [LoggerMessage(1203, LogLevel.Warning, "The reply to {MaskedNumber} was not sent: {Status} {Error}")]
    public static partial void ReplyFailed(ILogger logger, string maskedNumber, string status, string? error);
}
