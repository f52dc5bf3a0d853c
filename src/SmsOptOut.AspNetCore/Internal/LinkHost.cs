using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// Which host a link may be opened on. Once accounts have settings of their own, a token is answered only on its
/// account's link domain (the host of the account's <c>LinkBaseUrl</c>) or on the deployment's (the global
/// <c>LinkBaseUrl</c>'s, where every account's links were issued before it had a domain of its own, and which must keep
/// working for as long as the links live); on any other host — another tenant's domain, an address, a name no link
/// carries — it gets the neutral 404. The host name is compared, not the port; behind a proxy that rewrites the Host
/// header, <c>UseForwardedHeaders()</c> with <c>X-Forwarded-Host</c> must restore it first.
/// </summary>
internal static class LinkHost
{
    private static readonly IdnMapping Idn = new();

    /// <summary>Whether <paramref name="request"/> names the host of one of <paramref name="linkBases"/>.</summary>
    public static bool IsOneOf(HostString request, params ReadOnlySpan<Uri?> linkBases)
    {
        var host = ToAscii(request.Host);
        foreach (var linkBase in linkBases)
        {
            if (linkBase is { IsAbsoluteUri: true } && string.Equals(host, linkBase.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The host in its ASCII (punycode) form without a trailing dot, as <see cref="Uri.IdnHost"/> gives it.</summary>
    private static string ToAscii(string? host)
    {
        host = (host ?? string.Empty).TrimEnd('.');
        if (System.Text.Ascii.IsValid(host))
        {
            return host;
        }

        try
        {
            return Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }
}
