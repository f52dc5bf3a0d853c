using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>What a request tells about the browser behind it, bounded for storage: its user agent and client address (as forwarded-header middleware set it).</summary>
internal static class ClientEvidence
{
    public const int MaxUserAgentLength = 512;

    public const int MaxUrlLength = 2_048;

    public static string? UserAgent(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, MaxUserAgentLength)] : null;

    public static string? IpAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
