using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// <c>GET {prefix}/{token}</c> shows what the link would do and changes nothing (link previews, scanners and
/// prefetchers open links); <c>POST {prefix}/{token}</c> opts out — or back in — through the one opt-out service.
/// </summary>
internal sealed class LinkPageEndpoints(SmsOptOutEndpointOptions options, ClientRateLimiter limiter)
{
    private const int MaxUserAgentLength = 512;

    private static readonly FormOptions SmallForm = new()
    {
        ValueCountLimit = 8, KeyLengthLimit = 64, ValueLengthLimit = 256, BufferBody = false, MultipartBodyLengthLimit = 4_096,
    };

    public async Task GetAsync(HttpContext context)
    {
        var texts = Texts();
        if (await AdmitAndVerifyAsync(context, texts).ConfigureAwait(false) is not (_, var t))
        {
            return;
        }

        var name = await DisplayName(t.Account, context.RequestAborted).ConfigureAwait(false);
        await OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.UnsubscribeTitle, name),
            OptOutPage.Format(texts.UnsubscribeIntro, name), t.Number.ToMaskedString(), "unsubscribe", texts.UnsubscribeButton).ConfigureAwait(false);
    }

    public async Task PostAsync(HttpContext context)
    {
        var texts = Texts();
        if (await AdmitAndVerifyAsync(context, texts).ConfigureAwait(false) is not (var token, var t))
        {
            return;
        }

        string? action;
        try
        {
            // RFC 8058 one-click: a POST whose body is List-Unsubscribe=One-Click. An empty body opts out too.
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(SmallForm, context.RequestAborted).ConfigureAwait(false) : null;
            action = form?["action"].ToString() is { Length: > 0 } a ? a : "unsubscribe";
        }
        catch (InvalidDataException)
        {
            await OptOutPage.WriteAsync(context, StatusCodes.Status400BadRequest, texts.Language, texts.BadRequestTitle, texts.BadRequestIntro).ConfigureAwait(false);
            return;
        }

        var resubscribe = string.Equals(action, "resubscribe", StringComparison.Ordinal);
        var service = context.RequestServices.GetRequiredService<IOptOutService>();
        var request = new ConsentRequest(t.Account, t.Number, OptOutSource.OptOutLink)
        {
            Scope = options.LinkScope,
            List = options.LinkScope == SuppressionScope.List ? t.List : null,
            Campaign = t.Campaign,
            Evidence = new ConsentEvidence
            {
                LinkToken = token,
                UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, MaxUserAgentLength)] : null,
                IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                Note = resubscribe ? "re-subscribed on the landing page" : null,
            },
        };

        // Repeating the POST is harmless: the service records a change only when the state changes.
        _ = resubscribe
            ? await service.OptInAsync(request, context.RequestAborted).ConfigureAwait(false)
            : await service.OptOutAsync(request, context.RequestAborted).ConfigureAwait(false);

        var name = await DisplayName(t.Account, context.RequestAborted).ConfigureAwait(false);
        var masked = t.Number.ToMaskedString();
        await (resubscribe
            ? OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.ResubscribedTitle, name),
                OptOutPage.Format(texts.ResubscribedIntro, name), masked, "unsubscribe", texts.UnsubscribeButton)
            : OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.UnsubscribedTitle, name),
                OptOutPage.Format(texts.UnsubscribedIntro, name), masked, "resubscribe", texts.ResubscribeButton, secondary: true)).ConfigureAwait(false);
    }

    /// <summary>The texts for the request's UI culture: the specific culture, its parent, then the default.</summary>
    public SmsOptOutPageTexts Texts()
    {
        for (var culture = CultureInfo.CurrentUICulture; culture.Name.Length > 0; culture = culture.Parent)
        {
            if (options.LocalizedTexts.TryGetValue(culture.Name, out var texts))
            {
                return texts;
            }
        }

        return options.Texts;
    }

    /// <summary>
    /// What every landing-page request does first: the rate limit, then the token. <see langword="null"/> when the
    /// answer has been written — the 429 page, or one neutral 404 page for unknown, expired and tampered tokens alike.
    /// </summary>
    private async Task<(string Token, OptOutLinkTarget Target)?> AdmitAndVerifyAsync(HttpContext context, SmsOptOutPageTexts texts)
    {
        if (!await limiter.AdmitAsync(context, texts).ConfigureAwait(false))
        {
            return null;
        }

        var token = context.Request.RouteValues["token"] as string ?? string.Empty;
        var target = await context.RequestServices.GetRequiredService<IOptOutLinkVerifier>().VerifyAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (target is { } t)
        {
            return (token, t);
        }

        await OptOutPage.WriteAsync(context, StatusCodes.Status404NotFound, texts.Language, texts.NotFoundTitle, texts.NotFoundIntro).ConfigureAwait(false);
        return null;
    }

    private ValueTask<string> DisplayName(AccountId account, CancellationToken cancellationToken) =>
        options.DisplayName?.Invoke(account, cancellationToken) ?? ValueTask.FromResult(account.Value);
}
