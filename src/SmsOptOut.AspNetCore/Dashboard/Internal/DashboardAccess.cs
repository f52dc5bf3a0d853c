using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Internal;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// Who may use the dashboard. With an authorization policy on its endpoints, authorization decides. Without one it
/// starts only in Development (or with <see cref="SmsOptOutDashboardOptions.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment"/>),
/// and then answers only requests that are provably from this machine: a loopback or own address, no forwarding
/// header the app left unprocessed, and a known remote address at all — unknown is not local.
/// </summary>
internal sealed class DashboardAccess(string prefix, bool anonymousLocalAllowed, string environment, string whyAllowed, ILogger logger)
{
    public const string HowToAddPolicy = "app.MapSmsOptOutDashboard(\"/optout-admin\", …).RequireAuthorization(\"your-policy\")";

    /// <summary>Headers a proxy adds to say who its client was; any left unprocessed means the remote address is the proxy's.</summary>
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "Via"];

    private int _warned;

    /// <summary>
    /// The group's last convention (it runs after <c>.RequireAuthorization()</c> and any other): an endpoint without a
    /// policy gets the local-only check when that is allowed, and is closed otherwise.
    /// </summary>
    public void Apply(EndpointBuilder endpoint)
    {
        if (HasPolicy(endpoint.Metadata))
        {
            return;
        }

        var next = endpoint.RequestDelegate!;
        endpoint.RequestDelegate = anonymousLocalAllowed ? LocalOnly(next) : Closed;
    }

    /// <summary>
    /// At application start (when the host builds its request pipeline): refuses to start a dashboard that has an
    /// endpoint without a policy where anonymous access is not allowed; warns once where it is.
    /// </summary>
    public void CheckAtStartup(IEnumerable<Endpoint> endpoints)
    {
        if (endpoints.All(e => HasPolicy(e.Metadata)))
        {
            return;
        }

        if (!anonymousLocalAllowed)
        {
            throw new InvalidOperationException(
                $"MapSmsOptOutDashboard(\"{prefix}\") has no authorization policy and the environment is {environment}, not Development: anyone who reaches the app through a proxy " +
                $"on this machine would see every number. Add one: {HowToAddPolicy}, with builder.Services.AddAuthorization(o => o.AddPolicy(\"your-policy\", p => p.RequireRole(\"support\"))) " +
                "and your sign-in. Anonymous access from this machine only is for Development; outside it, it takes SmsOptOutDashboardOptions.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment = true.");
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Log.DashboardAnonymousLocal(logger, prefix, whyAllowed);
        }
    }

    /// <summary>Whether authorization will run for an endpoint with this metadata: a policy, and no <c>AllowAnonymous</c> that would skip it.</summary>
    public static bool HasPolicy(IEnumerable<object> metadata)
    {
        var items = metadata as IReadOnlyCollection<object> ?? [.. metadata];
        return !items.OfType<IAllowAnonymous>().Any()
               && items.Any(m => m is IAuthorizeData or AuthorizationPolicy or IAuthorizationRequirementData);
    }

    /// <summary>Why a request without a policy is not provably from this machine; <see langword="null"/> when it is.</summary>
    public static string? Refusal(HttpContext context)
    {
        foreach (var header in context.Request.Headers.Keys)
        {
            if (header.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) || ProxyHeaders.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                return $"it carries a {header} header the app did not process, so its remote address is a proxy's, not the client's. Behind a proxy, call app.UseForwardedHeaders() " +
                       "with the proxy in ForwardedHeadersOptions.KnownProxies (or KnownIPNetworks) for every header it sends";
            }
        }

        var connection = context.Connection;
        if (connection.RemoteIpAddress is not { } remote)
        {
            return "it has no remote address (a Unix socket or an in-process server), and an unknown client is not a local one";
        }

        remote = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        var local = connection.LocalIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : connection.LocalIpAddress;
        return IPAddress.IsLoopback(remote) || remote.Equals(local) ? null : "it comes from another machine";
    }

    private RequestDelegate LocalOnly(RequestDelegate next) => async context =>
    {
        if (Refusal(context) is not { } reason)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Log.DashboardRemoteRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address", reason);
        await PlainText.WriteAsync(context, StatusCodes.Status403Forbidden,
            $"The SmsOptOut dashboard answers anonymous requests only from this machine, and this request is not provably one: {reason}. Give the dashboard an authorization policy: {HowToAddPolicy}.")
            .ConfigureAwait(false);
    };

    private async Task Closed(HttpContext context)
    {
        Log.DashboardWithoutPolicy(logger, context.Request.Path.Value ?? prefix, environment);
        await PlainText.WriteAsync(context, StatusCodes.Status403Forbidden,
            $"The SmsOptOut dashboard has no authorization policy, and outside Development it answers nobody without one: {HowToAddPolicy}.").ConfigureAwait(false);
    }
}
