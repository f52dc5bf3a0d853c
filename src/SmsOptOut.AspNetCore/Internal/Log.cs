using Microsoft.Extensions.Logging;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>The endpoints' log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Refused an inbound Twilio webhook with a missing or invalid X-Twilio-Signature for {Url}.")]
    public static partial void InvalidTwilioSignature(ILogger logger, string url);

    [LoggerMessage(2002, LogLevel.Warning, "No account receives inbound SMS at {To}.")]
    public static partial void NoInboundAccount(ILogger logger, string to);
}
