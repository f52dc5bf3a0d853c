using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// <c>GET {prefix}/{token}</c> shows what the link would do and changes nothing (link previews, scanners and
/// prefetchers open links); <c>POST {prefix}/{token}</c> opts out through the one opt-out service — whatever else the
/// body carries — or undoes that opt-out within <see cref="SmsOptOutEndpointOptions.ResubscribeWindow"/>.
/// </summary>
internal sealed class LinkPageEndpoints(SmsOptOutEndpointOptions options, ClientRateLimiter limiter, TimeProvider time, ILogger logger)
{
    /// <summary>The largest POST body read; larger ones are refused before they are read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private const string ResubscribeAction = "resubscribe";

    public async Task GetAsync(HttpContext context)
    {
        if (await VerifyOrRefuseAsync(context).ConfigureAwait(false) is not (_, var t, var account))
        {
            return;
        }

        var texts = PageLanguage.Choose(context, options, account);
        var name = await DisplayName(t.Account, account, context).ConfigureAwait(false);
        var brand = PageBrand.For(account, name, texts);
        if (PreferenceCenter.For(context, account) is { } center)
        {
            var offered = await center.OfferedListsAsync(context.RequestServices.GetRequiredService<ISuppressionStore>(), t.Account, t.Number, context.RequestAborted)
                .ConfigureAwait(false);
            await WriteCenterAsync(context, texts, name, OptOutPage.Format(texts.PreferencesTitle, name), OptOutPage.Format(texts.PreferencesIntro, name),
                t, brand, page => center.Append(page, texts, name, offered, time.GetUtcNow())).ConfigureAwait(false);
            return;
        }

        await OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.UnsubscribeTitle, name),
            OptOutPage.Format(texts.UnsubscribeIntro, name), t.Number.ToMaskedString(), "unsubscribe", texts.UnsubscribeButton, brand: brand).ConfigureAwait(false);
    }

    public async Task PostAsync(HttpContext context)
    {
        if (await VerifyOrRefuseAsync(context).ConfigureAwait(false) is not (var token, var t, var account))
        {
            return;
        }

        var texts = PageLanguage.Choose(context, options, account);
        LandingChoice choice;
        try
        {
            choice = await ReadChoiceAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (RequestBody.IsReadFailure(e, context))
        {
            if (RequestBody.Status(e) is { } status)
            {
                Log.LandingRefused(logger, status, RequestBody.Reason(status) + "; nothing was recorded");
                await OptOutPage.WriteAsync(context, status, texts.Language, texts.BadRequestTitle, texts.BadRequestIntro).ConfigureAwait(false);
            }
            else
            {
                Log.ClientWentAway(logger, "Landing page");
            }

            return;
        }

        var store = context.RequestServices.GetRequiredService<ISuppressionStore>();
        var service = context.RequestServices.GetRequiredService<IOptOutService>();
        var name = await DisplayName(t.Account, account, context).ConfigureAwait(false);
        var masked = t.Number.ToMaskedString();
        var brand = PageBrand.For(account, name, texts);
        var center = PreferenceCenter.For(context, account);
        if (choice.Action == ResubscribeAction)
        {
            var made = await LinkUndo.FindUndoableAsync(store, t.Account, t.Number, token, options.ResubscribeWindow, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
            if (made is not null && LinkUndo.Matches(made, token, choice.Undo))
            {
                // The undo takes back that opt-out alone: an account-wide one is reverted (lists left stay left) where the
                // storage can (StorageCapabilities.Pauses), a list's is lifted.
                var revertible = made.Scope == SuppressionScope.Account && context.RequestServices.GetService<ISuppressionPauses>() is not null;
                await service.OptInAsync(Request(context, token, t, made.Scope, made.List, "undid the opt-out on the landing page") with
                {
                    Reverts = revertible ? made.EventId : null,
                }, context.RequestAborted).ConfigureAwait(false);
                await WriteResubscribedAsync(context, center, store, texts, name, t, brand).ConfigureAwait(false);
                return;
            }

            // Too late, not the latest event, or no code from the confirmation page: like any other body, the POST opts out.
        }

        // The preference center's lists and pause; anything else it receives opts out of everything.
        if (center is not null && choice.Action == PreferenceCenter.LeaveAction)
        {
            await LeaveListsAsync(context, center, texts, name, token, t, choice, brand).ConfigureAwait(false);
            return;
        }

        if (center is not null && choice.Action == PreferenceCenter.PauseAction
            && int.TryParse(choice.Days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && center.AllowsPause(days))
        {
            await PauseAsync(context, center, texts, name, token, t, days, brand).ConfigureAwait(false);
            return;
        }

        // Repeating the POST is harmless: the service records a change only when the state changes. Only the answer to
        // the POST that made the opt-out offers the undo, so nobody who opens the link later can learn its code.
        // An opt-out that replaced a pause offers no undo: taking it back would end the pause too.
        var scope = center is null ? options.LinkScope : SuppressionScope.Account;
        var paused = center is not null && options.ResubscribeWindow > TimeSpan.Zero
            && await store.IsSuppressedAsync(t.Account, t.Number, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var result = await service.OptOutAsync(Request(context, token, t, scope, scope == SuppressionScope.List ? t.List : null, null),
            context.RequestAborted).ConfigureAwait(false);
        await WriteUnsubscribedAsync(context, texts, name, masked, token, result.Changed && !paused && options.ResubscribeWindow > TimeSpan.Zero ? result.Event : null, brand)
            .ConfigureAwait(false);
    }

    /// <summary>After an undo: the plain page's button, or the center again.</summary>
    private async Task WriteResubscribedAsync(HttpContext context, PreferenceCenter? center, ISuppressionStore store, SmsOptOutPageTexts texts, string name,
        OptOutLinkTarget t, PageBrand? brand)
    {
        if (center is null)
        {
            await OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.ResubscribedTitle, name),
                OptOutPage.Format(texts.ResubscribedIntro, name), t.Number.ToMaskedString(), "unsubscribe", texts.UnsubscribeButton, brand: brand).ConfigureAwait(false);
            return;
        }

        var offered = await center.OfferedListsAsync(store, t.Account, t.Number, context.RequestAborted).ConfigureAwait(false);
        await WriteCenterAsync(context, texts, name, OptOutPage.Format(texts.ResubscribedTitle, name), OptOutPage.Format(texts.ResubscribedIntro, name), t, brand,
            page => center.Append(page, texts, name, offered, time.GetUtcNow())).ConfigureAwait(false);
    }

    /// <summary>
    /// Leaves the checked lists the center offers (ids it did not offer are ignored), all in one batch; with none checked,
    /// shows the center again and changes nothing. The answer keeps the one-tap full opt-out and the lists still kept.
    /// </summary>
    private async Task LeaveListsAsync(HttpContext context, PreferenceCenter center, SmsOptOutPageTexts texts, string name, string token, OptOutLinkTarget t,
        LandingChoice choice, PageBrand? brand)
    {
        var store = context.RequestServices.GetRequiredService<ISuppressionStore>();
        var offered = await center.OfferedListsAsync(store, t.Account, t.Number, context.RequestAborted).ConfigureAwait(false);
        var chosen = offered.Where(l => choice.Leave.Contains(l.Id.Value, StringComparer.Ordinal)).ToList();
        if (chosen.Count == 0)
        {
            // With lists left to offer, say that none was checked; with none (all left, or a form posted again), show the center.
            await WriteCenterAsync(context, texts, name, OptOutPage.Format(texts.PreferencesTitle, name),
                OptOutPage.Format(offered.Count == 0 ? texts.PreferencesIntro : texts.NothingSelectedIntro, name),
                t, brand, page => center.Append(page, texts, name, offered, time.GetUtcNow())).ConfigureAwait(false);
            return;
        }

        await context.RequestServices.GetRequiredService<IOptOutService>()
            .OptOutManyAsync([.. chosen.Select(l => Request(context, token, t, SuppressionScope.List, l.Id, "left this list in the preference center"))], context.RequestAborted)
            .ConfigureAwait(false);
        var kept = offered.Except(chosen).ToList();
        await WriteCenterAsync(context, texts, name, OptOutPage.Format(texts.ChoicesSavedTitle, name),
            PreferenceCenter.Fill(texts.ListsLeftIntro, name, string.Join(", ", chosen.Select(l => l.Name))), t, brand,
            page => center.Append(page, texts, name, kept, time.GetUtcNow())).ConfigureAwait(false);
    }

    /// <summary>
    /// Pauses every message of the account for <paramref name="days"/> days: an opt-out with an end. A number already
    /// opted out for good stays so (a pause never weakens an opt-out) and is told it is unsubscribed.
    /// </summary>
    private async Task PauseAsync(HttpContext context, PreferenceCenter center, SmsOptOutPageTexts texts, string name, string token, OptOutLinkTarget t, int days,
        PageBrand? brand)
    {
        var now = time.GetUtcNow();
        var until = PreferenceCenter.PauseEnd(now, days);
        var result = await context.RequestServices.GetRequiredService<IOptOutService>()
            .OptOutAsync(Request(context, token, t, SuppressionScope.Account, null, $"paused every message for {days} days in the preference center") with { PausedUntil = until },
                context.RequestAborted).ConfigureAwait(false);
        if (!result.Changed)
        {
            await WriteUnsubscribedAsync(context, texts, name, t.Number.ToMaskedString(), token, made: null, brand).ConfigureAwait(false);
            return;
        }

        var offered = await center.OfferedListsAsync(context.RequestServices.GetRequiredService<ISuppressionStore>(), t.Account, t.Number, context.RequestAborted)
            .ConfigureAwait(false);
        await WriteCenterAsync(context, texts, name, OptOutPage.Format(texts.ChoicesSavedTitle, name),
            PreferenceCenter.Fill(texts.PausedIntro, name, PreferenceCenter.Date(texts, PreferenceCenter.LastPausedDay(until))), t, brand,
            page => center.Append(page, texts, name, offered, now, offerPause: false)).ConfigureAwait(false);
    }

    private static Task WriteCenterAsync(HttpContext context, SmsOptOutPageTexts texts, string name, string title, string intro, OptOutLinkTarget t, PageBrand? brand,
        Action<System.Text.StringBuilder> body) =>
        OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, title, intro, t.Number.ToMaskedString(), brand, body);

    /// <summary>Any method but GET, HEAD and POST: 405 with <c>Allow</c>, a line saying what the link takes, and a log line; nothing changes.</summary>
    public Task MethodNotAllowedAsync(HttpContext context)
    {
        Log.LandingRefused(logger, StatusCodes.Status405MethodNotAllowed, $"the method {Methods.Describe(context.Request.Method)}; the link takes GET, HEAD and POST");
        context.Response.Headers.Allow = "GET, HEAD, POST";
        return PlainText.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "An opt-out link is opened with GET (or HEAD) and unsubscribes with POST; nothing was changed.");
    }

    /// <summary>The confirmation; with the opt-out just <paramref name="made"/>, it offers the undo.</summary>
    private static async Task WriteUnsubscribedAsync(HttpContext context, SmsOptOutPageTexts texts, string name, string masked, string token, ConsentEvent? made, PageBrand? brand) =>
        await (made is null
            ? OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.UnsubscribedTitle, name),
                OptOutPage.Format(texts.UnsubscribedIntro, name), masked, brand: brand)
            : OptOutPage.WriteAsync(context, StatusCodes.Status200OK, texts.Language, OptOutPage.Format(texts.UnsubscribedTitle, name),
                OptOutPage.Format(texts.UnsubscribedIntro, name), masked, ResubscribeAction, texts.ResubscribeButton, secondary: true,
                undo: LinkUndo.Code(made, token), brand: brand)).ConfigureAwait(false);

    private static ConsentRequest Request(HttpContext context, string token, OptOutLinkTarget t, SuppressionScope scope, ListId? list, string? note) =>
        new(t.Account, t.Number, OptOutSource.OptOutLink)
        {
            Scope = scope,
            List = list,
            Campaign = t.Campaign,
            Evidence = new ConsentEvidence
            {
                LinkToken = token,
                UserAgent = ClientEvidence.UserAgent(context),
                IpAddress = ClientEvidence.IpAddress(context),
                Note = note,
            },
        };

    /// <summary>
    /// What the POST asks for: only a well-formed url-encoded form names an action (<c>resubscribe</c> with its undo code,
    /// or the preference center's <c>lists</c> with the <c>leave</c> ids, <c>pause</c> with the <c>days</c>); every
    /// other body — empty, RFC 8058 one-click, extra or long fields, multipart, malformed — opts out of everything.
    /// A body larger than <see cref="MaxBodyBytes"/> throws Kestrel's 413 <see cref="BadHttpRequestException"/> — before
    /// it is read when its length is declared, at the limit when it is streamed.
    /// </summary>
    private static async Task<LandingChoice> ReadChoiceAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (!MediaTypeIs(request.ContentType, "application/x-www-form-urlencoded"))
        {
            return LandingChoice.OptOut;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            using var reader = new FormReader(request.Body) { ValueCountLimit = 64, KeyLengthLimit = MaxBodyBytes, ValueLengthLimit = MaxBodyBytes };
            form = await reader.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return LandingChoice.OptOut;
        }

        return form.TryGetValue("action", out var action) && action.Count == 1
            ? new LandingChoice(action[0], Single(form, "undo"), form.TryGetValue("leave", out var leave) ? [.. leave.OfType<string>()] : [], Single(form, "days"))
            : LandingChoice.OptOut;

        static string? Single(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string key) =>
            form.TryGetValue(key, out var value) && value.Count == 1 ? value[0] : null;
    }

    private static bool MediaTypeIs(string? contentType, string mediaType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What every landing-page request does first: verify the token, and that it is opened on its account's link domain
    /// (<see cref="LinkHost"/>). A valid token is never rate limited (behind a carrier's shared address, many recipients
    /// click at once); only requests whose token fails count against the client's limit, so guessing stays limited.
    /// <see langword="null"/> when the answer has been written — the 429 page, or one neutral 404 page for unknown,
    /// expired and tampered tokens and for tokens on another host alike.
    /// </summary>
    private async Task<(string Token, OptOutLinkTarget Target, ResolvedAccountSettings? Account)?> VerifyOrRefuseAsync(HttpContext context)
    {
        var token = context.Request.RouteValues["token"] as string ?? string.Empty;
        var target = await context.RequestServices.GetRequiredService<IOptOutLinkVerifier>().VerifyAsync(token, context.RequestAborted).ConfigureAwait(false);
        var refusal = "a token that does not verify (unknown, expired or tampered)";
        if (target is { } t)
        {
            var account = await AccountAsync(context, t.Account).ConfigureAwait(false);
            if (IsOnLinkHost(context, account))
            {
                return (token, t, account);
            }

            refusal = $"a token opened on {context.Request.Host.Host}, which is not its account's link domain nor the deployment's (behind a proxy, forward the Host)";
        }

        var texts = PageLanguage.Choose(context, options, account: null);
        if (await limiter.AdmitAsync(context, texts).ConfigureAwait(false))
        {
            Log.LandingRefused(logger, StatusCodes.Status404NotFound, refusal);
            await OptOutPage.WriteAsync(context, StatusCodes.Status404NotFound, texts.Language, texts.NotFoundTitle, texts.NotFoundIntro).ConfigureAwait(false);
        }
        else
        {
            Log.LandingRateLimited(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        }

        return null;
    }

    /// <summary>
    /// The account's settings; <see langword="null"/> when no account has settings of its own — or when the account's
    /// are invalid: a recipient can always opt out by link, so the page then takes the global look and accepts the link
    /// on any host (the resolver has logged the account as invalid).
    /// </summary>
    private static async ValueTask<ResolvedAccountSettings?> AccountAsync(HttpContext context, AccountId account)
    {
        if (context.RequestServices.GetService<IAccountSettingsResolver>() is not { HasAccounts: true } accounts)
        {
            return null;
        }

        try
        {
            return await accounts.GetAsync(account, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AccountSettingsException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the request's host is the account's link domain or the deployment's. Without accounts that have settings
    /// of their own, every link is issued on the one global domain and any host is accepted, as before.
    /// </summary>
    private static bool IsOnLinkHost(HttpContext context, ResolvedAccountSettings? account) =>
        account is null
        || LinkHost.IsOneOf(context.Request.Host, account.Options.LinkBaseUrl, context.RequestServices.GetRequiredService<IOptionsMonitor<SmsOptOutOptions>>().CurrentValue.LinkBaseUrl);

    private ValueTask<string> DisplayName(AccountId account, ResolvedAccountSettings? settings, HttpContext context) =>
        options.DisplayName?.Invoke(account, context.RequestAborted)
        ?? (settings?.DisplayName is { Length: > 0 } name ? ValueTask.FromResult(name) : SenderNameAsync(account, context));

    /// <summary>The sender's name the account's messages carry (<c>SenderIdentity.Name</c>), else the account id.</summary>
    private static async ValueTask<string> SenderNameAsync(AccountId account, HttpContext context)
    {
        var identities = context.RequestServices.GetService<Sending.ISenderIdentityProvider>();
        try
        {
            var identity = identities is null ? null : await identities.GetIdentityAsync(account, context.RequestAborted).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(identity?.Name) ? account.Value : identity.Name;
        }
        catch (AccountSettingsException)
        {
            return account.Value;
        }
    }

    /// <summary>What a landing-page POST asked for: an action (none: opt out of everything) and its fields.</summary>
    private sealed record LandingChoice(string? Action, string? Undo, IReadOnlyList<string> Leave, string? Days)
    {
        public static LandingChoice OptOut { get; } = new(null, null, [], null);
    }
}
