using Microsoft.Extensions.Logging;

namespace SmsOptOut.Internal;

/// <summary>Every log message of the core package, source-generated, with stable event ids. Numbers are masked by the caller.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Consent {Kind} for {MaskedNumber} of account {Account} via {Source}: {Status}")]
    public static partial void ConsentHandled(ILogger logger, string kind, string maskedNumber, string account, string source, string status);

    [LoggerMessage(1002, LogLevel.Error, "Consent observer {Observer} failed for event {EventId}; the event stays recorded")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string eventId);
}
