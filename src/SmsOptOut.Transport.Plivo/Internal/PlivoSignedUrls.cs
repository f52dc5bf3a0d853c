using System.Globalization;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// The readings of one webhook URL that Plivo's official SDKs sign, for the part before the query. They disagree, and
/// Plivo's pages do not say which Plivo itself uses, so a signature over any of them is accepted:
/// <list type="bullet">
/// <item>plivo-node and plivo-python: <c>scheme://host[:port]path</c> as written — an explicit port kept even when it is
/// the default one, the path not decoded; plivo-python keeps <c>user:password@</c>, plivo-node drops it;</item>
/// <item>plivo-dotnet V2 (<c>XPlivoSignatureV2.ComputeSignature</c>): <c>scheme://host[:port]</c> with the port only when it
/// is not the scheme's default, and <c>Uri.AbsolutePath</c>;</item>
/// <item>plivo-dotnet V3 reads the whole URL its own way: <see cref="PlivoSignature"/> builds that string;</item>
/// <item>and each of them with the scheme's default port added or removed, as a proxy in front of the host may do.</item>
/// </list>
/// Query and fragment are never part of these (V2 signs no query; V3 appends the sorted query itself).
/// </summary>
internal static class PlivoSignedUrls
{
    /// <summary>The URL without its query and fragment, and the query's text (without <c>?</c>).</summary>
    public static (string Base, string Query) Split(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var end = fragment < 0 ? url.Length : fragment;
        var query = url.IndexOf('?', 0, end);
        return query < 0 ? (url[..end], string.Empty) : (url[..query], url[(query + 1)..end]);
    }

    /// <summary>
    /// The distinct readings of <paramref name="url"/>'s part before the query, the one as written first: plivo-python's and
    /// plivo-node's, and for V2 plivo-dotnet's.
    /// </summary>
    /// <param name="url">The absolute URL, as configured in Plivo's console (or as the host received it).</param>
    /// <param name="withDotNetV2">Whether to add plivo-dotnet's V2 reading.</param>
    public static IReadOnlyList<string> Bases(string url, bool withDotNetV2)
    {
        var (written, _) = Split(url);
        var readings = new List<string>(6);
        foreach (var reading in new[] { written, WithoutUserInfo(written), withDotNetV2 ? DotNetV2Reading(url) : null })
        {
            if (reading is null)
            {
                continue;
            }

            foreach (var variant in WebhookUrls.WithAndWithoutDefaultPort(reading))
            {
                if (!readings.Contains(variant, StringComparer.Ordinal))
                {
                    readings.Add(variant);
                }
            }
        }

        return readings;
    }

    /// <summary>plivo-node's reading: the authority without <c>user:password@</c>.</summary>
    private static string WithoutUserInfo(string written)
    {
        var authorityStart = written.IndexOf("://", StringComparison.Ordinal);
        if (authorityStart < 0)
        {
            return written;
        }

        authorityStart += 3;
        var authorityEnd = written.IndexOf('/', authorityStart);
        var authority = authorityEnd < 0 ? written[authorityStart..] : written[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        return at < 0 ? written : written[..authorityStart] + authority[(at + 1)..] + (authorityEnd < 0 ? string.Empty : written[authorityEnd..]);
    }

    /// <summary>plivo-dotnet's V2 reading, or <see langword="null"/> when .NET cannot parse the URL.</summary>
    private static string? DotNetV2Reading(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        // The SDK appends no path when the URL as written has none after its authority (https://host → https://host).
        var (written, _) = Split(url);
        var authorityStart = written.IndexOf("://", StringComparison.Ordinal) + 3;
        var hasPath = written.IndexOf('/', authorityStart) >= 0;
        var port = parsed.IsDefaultPort ? string.Empty : ":" + parsed.Port.ToString(CultureInfo.InvariantCulture);
        return parsed.Scheme + "://" + parsed.Host + port + (hasPath ? parsed.AbsolutePath : string.Empty);
    }
}
