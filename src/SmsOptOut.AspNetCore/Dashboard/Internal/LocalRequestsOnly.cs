using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Internal;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// The dashboard's default guard: without an authorization policy on its endpoints it answers only requests from this
/// machine (as Hangfire's dashboard does), and says how to add one; with a policy, authorization decides.
/// </summary>
internal sealed class LocalRequestsOnly(ILogger logger)
{
    public const string Message =
        "The SmsOptOut dashboard answers only requests from this machine until you give it an authorization policy: " +
        "app.MapSmsOptOutDashboard(\"/optout-admin\", …).RequireAuthorization(\"your-policy\").";

    /// <summary>The endpoint's handler behind the check; authorization metadata added to the group later counts too, as it is read per request.</summary>
    public RequestDelegate Wrap(RequestDelegate next) => async context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null || IsLocal(context.Connection))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Log.DashboardRemoteRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Message, context.RequestAborted).ConfigureAwait(false);
    };

    private static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        null => connection.LocalIpAddress is null, // in-process test servers have no addresses
        var remote when IPAddress.IsLoopback(remote) => true,
        var remote => remote.Equals(connection.LocalIpAddress),
    };
}
