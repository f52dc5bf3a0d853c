using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut;
using SmsOptOut.AspNetCore;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Compliance;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps SmsOptOut's landing page and inbound-SMS endpoints.</summary>
public static class SmsOptOutEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET/POST {LinkPrefix}/{token}</c> (the opt-out link's landing page); <c>GET/POST {InboundPrefix}/{provider}</c>
    /// and <c>{InboundPrefix}/{provider}/{account}</c> for every registered provider that reads webhooks (<c>AddTwilio</c>,
    /// <c>AddSmsTo</c>, <c>AddVonage</c>, <c>AddTelnyx</c>, <c>AddPlivo</c>, or your own <c>ISmsProvider</c>); and, with a
    /// shared secret, <c>POST {InboundPrefix}/json</c>. Needs <c>AddSmsOptOut()</c> with a storage.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="configure">Sets prefixes, texts, display names, the rate limit and the inbound endpoints.</param>
    /// <returns>The group of mapped endpoints, to add conventions to (authorization policies, CORS, …).</returns>
    /// <exception cref="InvalidOperationException">The configuration is incomplete; the message says what is missing.</exception>
    public static RouteGroupBuilder MapSmsOptOut(this IEndpointRouteBuilder endpoints, Action<SmsOptOutEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(IOptOutService)) != true)
        {
            throw new InvalidOperationException("MapSmsOptOut() needs services.AddSmsOptOut() with a storage (UseSqlite, UsePostgreSql, UseRedis or UseInMemory).");
        }

        var core = services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
        var options = new SmsOptOutEndpointOptions();
        configure?.Invoke(options);
        var linkPrefix = LinkPrefix(options, core);
        if (options.PermitsPerMinutePerClient < 1)
        {
            throw new InvalidOperationException($"SmsOptOutEndpointOptions.PermitsPerMinutePerClient must be at least 1, not {options.PermitsPerMinutePerClient}.");
        }

        if (options.ResubscribeWindow < TimeSpan.Zero || options.ResubscribeWindow > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"SmsOptOutEndpointOptions.ResubscribeWindow must be zero (no undo) to one day, not {options.ResubscribeWindow}.");
        }

        CheckLinkScope(options, core, services);
        var group = endpoints.MapGroup(string.Empty);
        var time = services.GetRequiredService<TimeProvider>(); // the host's clock: the keyword reply window and the undo window read it
        var limiter = new ClientRateLimiter(options.PermitsPerMinutePerClient);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var pages = new LinkPageEndpoints(options, limiter, time, loggers.CreateLogger("SmsOptOut.AspNetCore.LandingPage"));
        // HEAD too: link checkers and previewers ask for the headers first; Kestrel sends no body, and nothing changes.
        group.MapMethods(linkPrefix + "/{token}", [HttpMethods.Get, HttpMethods.Head], pages.GetAsync).WithName("SmsOptOutLinkPage");
        group.MapPost(linkPrefix + "/{token}", pages.PostAsync).DisableAntiforgery().WithName("SmsOptOutLinkPost");
        // Every other method: an endpoint without method metadata ranks after the ones above, so it gets only what they
        // do not take, and answers it with 405, a line and a log line instead of routing's empty 405.
        group.Map(linkPrefix + "/{token}", pages.MethodNotAllowedAsync).DisableAntiforgery().WithName("SmsOptOutLinkOtherMethods");
        // The limiter's replenishment timer lives as long as the application.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(limiter.Dispose);

        var accounts = new InboundAccounts(options, services.GetService<SmsOptOut.Accounts.IAccountSettingsResolver>());
        MapProviders(group, services, options, accounts, core.DefaultRegion, time);

        if (!string.IsNullOrEmpty(options.InboundSharedSecret))
        {
            if (options.InboundSharedSecret.Length < 16)
            {
                throw new InvalidOperationException("SmsOptOutEndpointOptions.InboundSharedSecret must be at least 16 characters (32 random ones recommended).");
            }

            if (options.InboundClockSkew < TimeSpan.Zero || options.InboundMaxAge <= TimeSpan.Zero)
            {
                throw new InvalidOperationException("SmsOptOutEndpointOptions.InboundClockSkew must not be negative and InboundMaxAge must be positive.");
            }

            if (!accounts.CanAcceptNamed)
            {
                throw new InvalidOperationException(
                    "The json inbound endpoint needs to know which accounts exist: set SmsOptOutEndpointOptions.InboundAccount (one account), ResolveInboundAccount (by the 'to' number) or IsKnownAccount (for an 'account' named in the body).");
            }

            var json = new JsonInboundEndpoint(options.InboundSharedSecret, accounts, options, core.DefaultRegion, time, loggers.CreateLogger("SmsOptOut.AspNetCore.Inbound"));
            var route = Route(options.InboundPrefix, "InboundPrefix") + "/json";
            group.MapPost(route, json.HandleAsync).DisableAntiforgery().WithName("SmsOptOutJsonInbound");
            group.Map(route, json.MethodNotAllowedAsync).DisableAntiforgery().WithName("SmsOptOutJsonInboundOtherMethods");
        }

        return group;
    }

    /// <summary>
    /// A landing page that opts out of one list only is narrower than the sender: refused under a compliance profile
    /// unless <c>AllowNarrowOptOutScopes</c> is set, logged otherwise (docs/compliance.md).
    /// </summary>
    private static void CheckLinkScope(SmsOptOutEndpointOptions options, SmsOptOutOptions core, IServiceProvider services)
    {
        if (options.LinkScope != SuppressionScope.List || core.Compliance.AllowNarrowOptOutScopes)
        {
            return;
        }

        const string Rule = "SmsOptOutEndpointOptions.LinkScope is List: an opt-out must stop every message of the sender (US: 47 CFR 64.1200(a)(10), FCC 24-24; "
            + "Canada: CASL s. 11(1)(a); EU/UK: GDPR Art. 21(3); see docs/compliance.md). Set SmsOptOutOptions.Compliance.AllowNarrowOptOutScopes only where your counsel has decided otherwise.";
        if (core.Compliance.Profiles != ComplianceProfiles.None)
        {
            throw new InvalidOperationException($"Refused under the {core.Compliance.Profiles} compliance profile: {Rule}");
        }

        Log.NarrowLinkScope(services.GetRequiredService<ILoggerFactory>().CreateLogger("SmsOptOut.AspNetCore"), Rule);
    }

    /// <summary>One route pair for every registered provider that reads webhooks; the JSON endpoint's literal route takes precedence over it.</summary>
    private static void MapProviders(RouteGroupBuilder group, IServiceProvider services, SmsOptOutEndpointOptions options, InboundAccounts accounts, string? defaultRegion,
        TimeProvider time)
    {
        var readers = services.GetServices<ISmsProvider>().Where(p => p.Inbound is not null).ToDictionary(p => p.Name, p => p.Inbound!, StringComparer.Ordinal);
        if (readers.Count == 0)
        {
            return;
        }

        if (!accounts.CanAcceptNamed)
        {
            throw new InvalidOperationException(
                $"The inbound endpoints of {string.Join(", ", readers.Keys)} need to know which account a message belongs to: set SmsOptOutEndpointOptions.InboundAccount (one account), ResolveInboundAccount (by the number it was sent to) or IsKnownAccount (for {{InboundPrefix}}/{{provider}}/{{account}} URLs).");
        }

        if (options.InboundPublicUrl is { IsAbsoluteUri: false })
        {
            throw new InvalidOperationException($"SmsOptOutEndpointOptions.InboundPublicUrl '{options.InboundPublicUrl}' must be absolute, such as https://opt.example/sms/inbound.");
        }

        var endpoint = new ProviderInboundEndpoint(readers, accounts, options, defaultRegion, time,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("SmsOptOut.AspNetCore.Inbound"));
        var prefix = Route(options.InboundPrefix, "InboundPrefix");
        string[] methods = [HttpMethods.Post, HttpMethods.Get];
        group.MapMethods(prefix + "/{provider}", methods, endpoint.HandleAsync).DisableAntiforgery().WithName("SmsOptOutProviderInbound");
        group.MapMethods(prefix + "/{provider}/{account}", methods, endpoint.HandleAsync).DisableAntiforgery().WithName("SmsOptOutProviderAccountInbound");
        group.Map(prefix + "/{provider}", endpoint.MethodNotAllowedAsync).DisableAntiforgery().WithName("SmsOptOutProviderInboundOtherMethods");
        group.Map(prefix + "/{provider}/{account}", endpoint.MethodNotAllowedAsync).DisableAntiforgery().WithName("SmsOptOutProviderAccountInboundOtherMethods");
    }

    private static string LinkPrefix(SmsOptOutEndpointOptions options, SmsOptOutOptions core)
    {
        if (options.LinkPrefix is not null)
        {
            return options.LinkPrefix.Trim() is "" or "/" ? string.Empty : Route(options.LinkPrefix, "LinkPrefix");
        }

        // Links are LinkBaseUrl + token: a base ending in '/' maps to its path ("https://o.example/" to the root).
        var path = core.LinkBaseUrl?.AbsolutePath;
        return path is not null && path.EndsWith('/') && core.LinkBaseUrl!.Query.Length == 0
            ? path == "/" ? string.Empty : Route(path, "LinkPrefix")
            : throw new InvalidOperationException(
                $"Cannot derive the landing page's route from SmsOptOutOptions.LinkBaseUrl '{core.LinkBaseUrl}': set SmsOptOutEndpointOptions.LinkPrefix (for example \"/u\") to the path your links use.");
    }

    private static string Route(string prefix, string name)
    {
        var trimmed = prefix.Trim().TrimEnd('/');
        return trimmed.StartsWith('/') && trimmed.Length > 1 && !trimmed.Contains('{', StringComparison.Ordinal)
            ? trimmed
            : throw new InvalidOperationException($"SmsOptOutEndpointOptions.{name} '{prefix}' must be a path like \"/u\": it starts with '/' and has no route parameters.");
    }

}
