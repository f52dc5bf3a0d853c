using Microsoft.Extensions.Logging;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>The endpoints' log messages. None carries a full phone number: numbers appear masked, if at all.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Refused an inbound {Provider} webhook ({Status}): {Reason}")]
    public static partial void InboundRefused(ILogger logger, string provider, string status, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Accepted because no compliance profile covers it: {Finding}")]
    public static partial void NarrowLinkScope(ILogger logger, string finding);

    [LoggerMessage(2004, LogLevel.Information, "Dashboard: {Kind} of {MaskedNumber} in account {Account} recorded by {User}: {Status}")]
    public static partial void DashboardAction(ILogger logger, string kind, string maskedNumber, string account, string user, string status);

    [LoggerMessage(2005, LogLevel.Warning, "Dashboard: refused an anonymous request from {Remote}: {Reason}")]
    public static partial void DashboardRemoteRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(2006, LogLevel.Information, "Dashboard: {Count} dead letters of account {Account} replayed by {User}")]
    public static partial void DashboardReplay(ILogger logger, int count, string account, string user);

    [LoggerMessage(2007, LogLevel.Information, "Dashboard: the access report of {MaskedNumber} in account {Account} downloaded by {User}")]
    public static partial void DashboardAccess(ILogger logger, string maskedNumber, string account, string user);

    [LoggerMessage(2008, LogLevel.Information, "Dashboard: a number was erased from account {Account} by {User}, request {RequestId}: {Events} events deleted")]
    public static partial void DashboardErasure(ILogger logger, string account, string requestId, string user, int events);

    [LoggerMessage(2009, LogLevel.Error,
        "Dashboard: refused a request to {Path}: the endpoint has no authorization policy and the environment is {Environment}, not Development. Add .RequireAuthorization(\"your-policy\") to MapSmsOptOutDashboard(…)")]
    public static partial void DashboardWithoutPolicy(ILogger logger, string path, string environment);

    [LoggerMessage(2010, LogLevel.Warning, "Dashboard at {Prefix}: no authorization policy, so it answers anonymous requests from this machine only ({Why})")]
    public static partial void DashboardAnonymousLocal(ILogger logger, string prefix, string why);

    [LoggerMessage(2011, LogLevel.Information, "Dashboard: refused a request ({Status}): {Reason}")]
    public static partial void DashboardRefused(ILogger logger, int status, string reason);

    [LoggerMessage(2012, LogLevel.Information, "Landing page: refused a request ({Status}): {Reason}")]
    public static partial void LandingRefused(ILogger logger, int status, string reason);

    [LoggerMessage(2013, LogLevel.Warning, "Landing page: client {Client} is over its limit of requests with tokens that do not verify (429)")]
    public static partial void LandingRateLimited(ILogger logger, string client);

    [LoggerMessage(2014, LogLevel.Warning, "JSON inbound: refused a request ({Status}): {Reason}")]
    public static partial void JsonInboundRefused(ILogger logger, int status, string reason);

    [LoggerMessage(2016, LogLevel.Information,
        "Dashboard: {User} exported {Rows} suppressions of account {Account} as CSV with {Numbers} numbers ({Filter}); the export {Outcome}")]
    public static partial void DashboardExport(ILogger logger, string user, long rows, string account, string numbers, string filter, string outcome);

    [LoggerMessage(2017, LogLevel.Information, "Dashboard: the consent certificate of event {EventId} ({MaskedNumber}) in account {Account} shown to {User} as {Format}: {Outcome}")]
    public static partial void DashboardCertificate(ILogger logger, string eventId, string maskedNumber, string account, string user, string format, string outcome);

    [LoggerMessage(2015, LogLevel.Information, "{Endpoint}: the client went away while its request body was read; nothing was recorded and no answer was sent")]
    public static partial void ClientWentAway(ILogger logger, string endpoint);
}
