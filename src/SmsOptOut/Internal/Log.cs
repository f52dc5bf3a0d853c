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
}
