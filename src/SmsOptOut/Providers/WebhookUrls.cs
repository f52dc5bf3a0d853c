using System.Globalization;

namespace SmsOptOut.Providers;

/// <summary>
/// The URL forms a provider may have signed, for provider authors: a proxy or load balancer can add or strip the
/// scheme's default port (<c>:443</c>, <c>:80</c>), so a signature over either form is the provider's.
/// </summary>
public static class WebhookUrls
{
    /// <summary>The URL as given, then the same URL with its scheme's default port removed when present, or added when absent.</summary>
    /// <param name="url">The absolute URL.</param>
    /// <returns>One or two URLs, the given one first.</returns>
    public static IEnumerable<string> WithAndWithoutDefaultPort(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort)
        {
            yield break;
        }

        var authorityEnd = url.IndexOfAny(['/', '?', '#'], url.IndexOf("://", StringComparison.Ordinal) + 3);
        var authority = authorityEnd < 0 ? url : url[..authorityEnd];
        var rest = authorityEnd < 0 ? string.Empty : url[authorityEnd..];
        var portSuffix = ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        yield return authority.EndsWith(portSuffix, StringComparison.Ordinal) ? authority[..^portSuffix.Length] + rest : authority + portSuffix + rest;
    }
}
