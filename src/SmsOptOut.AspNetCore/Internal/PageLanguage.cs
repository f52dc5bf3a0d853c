using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using SmsOptOut.Accounts;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// Chooses the texts of a landing page: the request's languages in order of preference — a culture a request-localization
/// provider chose explicitly (query string, cookie, your own) first, then <c>Accept-Language</c> by quality, each tag
/// before its parent (<c>es-MX</c>, then <c>es</c>) — the first one the account allows and the endpoint has texts for;
/// else the account's own language; else the first of its languages with texts; else the endpoint's default texts.
/// Pages without an account (the neutral 404, the 429) use the request's languages alone.
/// </summary>
internal static class PageLanguage
{
    public static SmsOptOutPageTexts Choose(HttpContext context, SmsOptOutEndpointOptions options, ResolvedAccountSettings? account)
    {
        var allowed = account?.Languages ?? [];
        foreach (var preferred in Preferred(context))
        {
            for (var tag = preferred; tag.Length > 0; tag = Parent(tag))
            {
                if (Allows(allowed, tag) && Find(options, tag) is { } texts)
                {
                    return texts;
                }
            }
        }

        foreach (var fallback in allowed.Prepend(account?.Language).OfType<string>())
        {
            for (var tag = fallback; tag.Length > 0; tag = Parent(tag))
            {
                if (Find(options, tag) is { } texts)
                {
                    return texts;
                }
            }
        }

        return options.Texts;
    }

    /// <summary>The request's languages, most preferred first.</summary>
    private static IEnumerable<string> Preferred(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>() is { Provider: not null and not AcceptLanguageHeaderRequestCultureProvider } chosen)
        {
            yield return chosen.RequestCulture.UICulture.Name;
        }

        IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = context.Request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            yield break;
        }

        foreach (var language in accepted.Where(l => l.Quality is not <= 0).OrderByDescending(l => l.Quality ?? 1))
        {
            if (language.Value.Value is { Length: > 0 } tag && tag != "*")
            {
                yield return tag;
            }
        }
    }

    /// <summary>Whether an account that allows <paramref name="allowed"/> may show <paramref name="tag"/>: all when none are named; a tag, its regions and its parent otherwise.</summary>
    private static bool Allows(IReadOnlyList<string> allowed, string tag) =>
        allowed.Count == 0 || allowed.Any(a => string.Equals(a, tag, StringComparison.OrdinalIgnoreCase)
            || tag.StartsWith(a + "-", StringComparison.OrdinalIgnoreCase) || a.StartsWith(tag + "-", StringComparison.OrdinalIgnoreCase));

    private static SmsOptOutPageTexts? Find(SmsOptOutEndpointOptions options, string tag) =>
        options.LocalizedTexts.TryGetValue(tag, out var texts) ? texts
        : string.Equals(options.Texts.Language, tag, StringComparison.OrdinalIgnoreCase) ? options.Texts
        : null;

    private static string Parent(string tag) => tag.LastIndexOf('-') is var dash and > 0 ? tag[..dash] : string.Empty;
}
