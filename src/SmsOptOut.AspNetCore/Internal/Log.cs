using Microsoft.Extensions.Logging;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>The endpoints' log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Refused an inbound {Provider} webhook ({Status}): {Reason}")]
    public static partial void InboundRefused(ILogger logger, string provider, string status, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Accepted because no compliance profile covers it: {Finding}")]
    public static partial void NarrowLinkScope(ILogger logger, string finding);
}
