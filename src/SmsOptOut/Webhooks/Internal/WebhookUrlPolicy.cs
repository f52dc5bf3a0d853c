using System.Net;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>What a callback URL must look like before any DNS lookup: https, no user info, no obscure IP spellings.</summary>
internal static class WebhookUrlPolicy
{
    private const string TestingSwitch = "SmsOptOutOptions.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting";

    public static string? Refusal(Uri? url, bool allowLoopbackAndHttp)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return "the callback URL must be an absolute https:// URL";
        }

        var shown = url.OriginalString.Length <= 200 ? url.OriginalString : url.OriginalString[..200] + "…";
        if (url.Scheme != Uri.UriSchemeHttps && !(allowLoopbackAndHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return url.Scheme == Uri.UriSchemeHttp
                ? $"'{shown}' uses http://; callback URLs must use https:// (for a receiver on this machine during development, set {TestingSwitch} = true)"
                : $"'{shown}' uses {url.Scheme}://; callback URLs must use https://";
        }

        if (!string.IsNullOrEmpty(url.UserInfo) || AuthorityOf(url.OriginalString).Contains('@', StringComparison.Ordinal))
        {
            return $"'{shown}' carries user info (user:password@); put credentials in the signature secret instead";
        }

        if (!string.IsNullOrEmpty(url.Fragment))
        {
            return $"'{shown}' has a fragment (#…), which is never sent";
        }

        var writtenHost = HostOf(AuthorityOf(url.OriginalString));
        if (url.HostNameType == UriHostNameType.IPv4 && !string.Equals(writtenHost, url.Host, StringComparison.Ordinal))
        {
            return $"'{shown}' spells an IP address in an obscure form ('{writtenHost}' is {url.Host}); write it as four decimal numbers";
        }

        if (url.HostNameType is UriHostNameType.Basic or UriHostNameType.Unknown)
        {
            return $"'{shown}' has no valid host name";
        }

        if (!allowLoopbackAndHttp && url.HostNameType == UriHostNameType.Dns && IsLocalhost(url.IdnHost))
        {
            return $"'{shown}' names {url.Host}, which always means this machine (RFC 6761), a loopback address (for a receiver on this machine during development, set {TestingSwitch} = true)";
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var ip)
            && AddressPolicy.Refusal(ip, allowLoopbackAndHttp) is { } refused)
        {
            return $"'{shown}' points to {refused}";
        }

        return null;
    }

    /// <summary><c>localhost</c> and every name under it resolve to loopback by definition (RFC 6761 section 6.3), so no DNS is needed to refuse them.</summary>
    private static bool IsLocalhost(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static string AuthorityOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    private static string HostOf(string authority)
    {
        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        if (host.StartsWith('['))
        {
            return host;
        }

        var colon = host.LastIndexOf(':');
        return (colon >= 0 ? host[..colon] : host).ToLowerInvariant();
    }
}
