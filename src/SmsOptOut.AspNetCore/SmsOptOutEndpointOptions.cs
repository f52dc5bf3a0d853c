using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore;

/// <summary>Options of the endpoints <c>MapSmsOptOut()</c> maps.</summary>
public sealed class SmsOptOutEndpointOptions
{
    /// <summary>
    /// The route prefix of the landing page, <c>GET/POST {LinkPrefix}/{token}</c>. Default: the path of
    /// <c>SmsOptOutOptions.LinkBaseUrl</c> (<c>/u</c> for <c>https://opt.example/u/</c>), so issued links land here.
    /// </summary>
    public string? LinkPrefix { get; set; }

    /// <summary>
    /// The route prefix of the inbound endpoints: <c>{InboundPrefix}/{provider}</c> (and <c>…/{provider}/{account}</c>) for
    /// every registered provider, <c>{InboundPrefix}/json</c> for gateways without one. Default <c>/sms/inbound</c>.
    /// </summary>
    public string InboundPrefix { get; set; } = "/sms/inbound";

    /// <summary>
    /// The public URL of <see cref="InboundPrefix"/> as entered in the providers' consoles (<c>https://opt.example/sms/inbound</c>).
    /// Providers sign the URL they call, so behind a proxy that changes the scheme, host or path set it; by default each
    /// request's own URL is used (run <c>app.UseForwardedHeaders()</c> first behind a proxy that only adds headers).
    /// </summary>
    public Uri? InboundPublicUrl { get; set; }

    /// <summary>What a link opt-out suppresses: the whole account (default) or only the link's list.</summary>
    public SuppressionScope LinkScope { get; set; } = SuppressionScope.Account;

    /// <summary>
    /// The name the pages show for an account (HTML-encoded when written). Default: the name its messages carry
    /// (<c>SmsOptOutOptions.Sending.SenderIdentity.Name</c>, or the registered <c>ISenderIdentityProvider</c>'s), else the account id.
    /// </summary>
    public Func<AccountId, CancellationToken, ValueTask<string>>? DisplayName { get; set; }

    /// <summary>The page texts used when neither the request nor the account names a language of <see cref="LocalizedTexts"/>; also chosen by its own <see cref="SmsOptOutPageTexts.Language"/>. Default English.</summary>
    public SmsOptOutPageTexts Texts { get; set; } = SmsOptOutPageTexts.English;

    /// <summary>
    /// Page texts by language tag (<c>fr</c>, <c>fr-CA</c>), chosen by the request's <c>Accept-Language</c> (in order of
    /// preference, each tag before its parent; a culture a request-localization provider other than the header's chose,
    /// such as a query string or cookie, comes first), within the account's <c>AccountSettings.Languages</c>, else the
    /// account's <c>AccountSettings.Language</c>, else <see cref="Texts"/>. French, German, Spanish, Italian, Portuguese,
    /// Dutch, Polish and Russian are built in.
    /// </summary>
    public IDictionary<string, SmsOptOutPageTexts> LocalizedTexts { get; } = new Dictionary<string, SmsOptOutPageTexts>(StringComparer.OrdinalIgnoreCase)
    {
        ["fr"] = SmsOptOutPageTexts.French,
        ["de"] = SmsOptOutPageTexts.German,
        ["es"] = SmsOptOutPageTexts.Spanish,
        ["it"] = SmsOptOutPageTexts.Italian,
        ["pt"] = SmsOptOutPageTexts.Portuguese,
        ["nl"] = SmsOptOutPageTexts.Dutch,
        ["pl"] = SmsOptOutPageTexts.Polish,
        ["ru"] = SmsOptOutPageTexts.Russian,
    };

    /// <summary>
    /// Landing-page requests with an unknown, expired or tampered token that one client IP may make per minute before it
    /// gets a 429 page, which keeps token guessing slow. Default 30. Requests carrying a valid token are never limited:
    /// behind a mobile carrier's shared address, many recipients of one campaign may click within the same minute.
    /// Behind a proxy, run <c>app.UseForwardedHeaders()</c> first so the client's address is the real one.
    /// </summary>
    public int PermitsPerMinutePerClient { get; set; } = 30;

    /// <summary>
    /// How long after opting out through a link its confirmation page offers "I changed my mind". The undo reverses only
    /// the opt-out made through that same link, only while it is the number's latest consent change, and only with the
    /// code that page carries: a person who mis-tapped can take it back, but nobody who merely saw the link (a scanner,
    /// a preview service, a log) can re-subscribe its owner. Default 5 minutes; <see cref="TimeSpan.Zero"/> offers no undo.
    /// At most one day.
    /// </summary>
    public TimeSpan ResubscribeWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shared secret a gateway sends in the <c>X-SmsOptOut-Secret</c> header (or as <c>Authorization: Bearer</c>)
    /// to <c>{InboundPrefix}/json</c>. Without one, that endpoint is not mapped. Use at least 32 random characters.
    /// </summary>
    public string? InboundSharedSecret { get; set; }

    /// <summary>
    /// Finds the account an inbound message belongs to by the address it was sent to (a long code, toll-free number,
    /// short code or alphanumeric sender ID); <see langword="null"/> when none.
    /// </summary>
    public Func<SenderAddress, CancellationToken, ValueTask<AccountId?>>? ResolveInboundAccount { get; set; }

    /// <summary>The account every inbound message belongs to, for a single-account host (used when <see cref="ResolveInboundAccount"/> is not set).</summary>
    public AccountId? InboundAccount { get; set; }

    /// <summary>
    /// Whether an account that a request names itself exists (the JSON endpoint's <c>account</c> field, for gateways that
    /// share one number between accounts). Without it, a named account is accepted only when it is the account of the
    /// number the message was sent to; an unknown one gets a 404 that names nothing internal.
    /// </summary>
    public Func<AccountId, CancellationToken, ValueTask<bool>>? IsKnownAccount { get; set; }

    /// <summary>
    /// How far in the future the JSON endpoint accepts a <c>receivedAt</c> (the gateway's clock may run a little ahead).
    /// Default 5 minutes. Later times are refused with 400: they would be stored and sent in webhooks.
    /// </summary>
    public TimeSpan InboundClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a <c>receivedAt</c> the JSON endpoint accepts (a gateway's retries). Default 30 days; older is refused with 400.</summary>
    public TimeSpan InboundMaxAge { get; set; } = TimeSpan.FromDays(30);
}
