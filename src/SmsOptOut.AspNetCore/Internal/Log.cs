using Microsoft.Extensions.Logging;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>The endpoints' log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Refused an inbound {Provider} webhook ({Status}): {Reason}")]
    public static partial void InboundRefused(ILogger logger, string provider, string status, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Accepted because no compliance profile covers it: {Finding}")]
    public static partial void NarrowLinkScope(ILogger logger, string finding);

    [LoggerMessage(2004, LogLevel.Information, "Dashboard: {Kind} of {MaskedNumber} in account {Account} recorded by {User}: {Status}")]
    public static partial void DashboardAction(ILogger logger, string kind, string maskedNumber, string account, string user, string status);

    [LoggerMessage(2005, LogLevel.Warning, "Dashboard: refused a request from {Remote}: no authorization policy, and only local requests are answered without one")]
    public static partial void DashboardRemoteRefused(ILogger logger, string remote);

    [LoggerMessage(2006, LogLevel.Information, "Dashboard: {Count} dead letters of account {Account} replayed by {User}")]
    public static partial void DashboardReplay(ILogger logger, int count, string account, string user);

    [LoggerMessage(2007, LogLevel.Information, "Dashboard: the access report of {MaskedNumber} in account {Account} downloaded by {User}")]
    public static partial void DashboardAccess(ILogger logger, string maskedNumber, string account, string user);

    [LoggerMessage(2008, LogLevel.Information, "Dashboard: a number was erased from account {Account} by {User}, request {RequestId}: {Events} events deleted")]
    public static partial void DashboardErasure(ILogger logger, string account, string requestId, string user, int events);
}
