using Microsoft.Extensions.Logging;

namespace SmsOptOut.Email.Smtp.Internal;

/// <summary>The SMTP package's log messages (ids 3301–3399). Addresses are not logged, only how many.</summary>
internal static partial class Log
{
    [LoggerMessage(3301, LogLevel.Information, "Sent the e-mail \"{Subject}\" to {Recipients} recipients through {Host}:{Port}")]
    public static partial void Sent(ILogger logger, string subject, int recipients, string host, int port);

    [LoggerMessage(3302, LogLevel.Warning, "Sending the e-mail \"{Subject}\" through {Host}:{Port} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string subject, string host, int port);
}
