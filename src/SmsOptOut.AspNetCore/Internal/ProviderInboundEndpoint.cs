using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Providers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// <c>{InboundPrefix}/{provider}</c> and <c>{InboundPrefix}/{provider}/{account}</c> for every registered provider that
/// reads webhooks: the raw request goes to the provider's <see cref="IInboundWebhookReader"/>, which verifies it before
/// anything is parsed; what it carried goes through the one opt-out service (provider-reported opt-outs) and the keyword
/// processor (messages), and the provider gets the answer it expects.
/// </summary>
internal sealed class ProviderInboundEndpoint(IReadOnlyDictionary<string, IInboundWebhookReader> readers, InboundAccounts accounts, SmsOptOutEndpointOptions options,
    string? defaultRegion, TimeProvider time, ILogger logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var providerName = context.Request.RouteValues["provider"] as string ?? string.Empty;
        if (!readers.TryGetValue(providerName, out var reader))
        {
            Log.InboundRefused(logger, "unregistered", "404", "no SMS provider with inbound webhooks is registered under the name in the path");
            await PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "No SMS provider with inbound webhooks is registered under this name.").ConfigureAwait(false);
            return;
        }

        AccountId? account = null;
        if (context.Request.RouteValues["account"] is string named)
        {
            if (!TryAccount(named, out var parsed) || !await accounts.IsKnownAsync(parsed.Value, context.RequestAborted).ConfigureAwait(false))
            {
                Log.InboundRefused(logger, providerName, "404", "the account in the path is not one the host knows");
                await PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "No such account receives messages here.").ConfigureAwait(false);
                return;
            }

            account = parsed;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (RequestBody.IsReadFailure(e, context))
        {
            if (RequestBody.Status(e) is { } status)
            {
                Log.InboundRefused(logger, providerName, status.ToString(System.Globalization.CultureInfo.InvariantCulture), RequestBody.Reason(status));
                await PlainText.WriteAsync(context, status, status == StatusCodes.Status413PayloadTooLarge
                    ? $"The body must be at most {MaxBodyBytes} bytes."
                    : "The body cannot be read: its framing is malformed.").ConfigureAwait(false);
            }
            else
            {
                Log.ClientWentAway(logger, "Inbound " + providerName);
            }

            return;
        }

        var request = new InboundWebhookRequest(context.Request.Method, PublicUrl(context, providerName),
            context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())), body, time.GetUtcNow())
        {
            Account = account, DefaultRegion = defaultRegion,
        };
        var result = await reader.ReadAsync(request, accounts, context.RequestAborted).ConfigureAwait(false);
        if (result.Status != InboundWebhookStatus.Accepted)
        {
            Log.InboundRefused(logger, providerName, result.Status.ToString(), result.Reason ?? string.Empty);
            await PlainText.WriteAsync(context, StatusCode(result.Status), result.Reason ?? "Refused.").ConfigureAwait(false);
            return;
        }

        string? reply;
        try
        {
            reply = await ProcessAsync(context.RequestServices, reader, result, context.RequestAborted).ConfigureAwait(false);
        }
        catch when (result.OneTimeKey is { } key)
        {
            // Nothing (or not everything) was recorded: the provider's retry must not be refused as a replay.
            await context.RequestServices.GetRequiredService<IWebhookReplayGuard>().ForgetAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var response = reader.Respond(result, reply);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Records the provider's consent changes, hands its messages to the keyword processor, and returns the reply to put in the answer, if any.</summary>
    private static async Task<string?> ProcessAsync(IServiceProvider services, IInboundWebhookReader reader, InboundWebhookResult result, CancellationToken cancellationToken)
    {
        var optOut = services.GetRequiredService<IOptOutService>();
        foreach (var change in result.ConsentChanges)
        {
            if (change.MayEchoPush && await EchoesPushAsync(services.GetRequiredService<Suppression.ISuppressionStore>(), change, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            _ = change.Kind == ConsentKind.OptOut
                ? await optOut.OptOutAsync(change.Request, cancellationToken).ConfigureAwait(false)
                : await optOut.OptInAsync(change.Request, cancellationToken).ConfigureAwait(false);
        }

        string? reply = null;
        var processor = services.GetRequiredService<IInboundSmsProcessor>();
        var delivery = reader.RepliesInResponse ? InboundReplyDelivery.Caller : InboundReplyDelivery.Transport;
        foreach (var message in result.Messages)
        {
            reply ??= (await processor.ProcessAsync(message, delivery, cancellationToken).ConfigureAwait(false)).Reply;
        }

        return reader.RepliesInResponse ? reply : null;
    }

    /// <summary>
    /// Whether a provider's opt-out report only echoes an opt-out pushed earlier (see <see cref="ProviderConsentChange.MayEchoPush"/>):
    /// the number's latest account-wide consent here is an opt-in, after an opt-out recorded here.
    /// </summary>
    private static async Task<bool> EchoesPushAsync(Suppression.ISuppressionStore store, ProviderConsentChange change, CancellationToken cancellationToken)
    {
        var optedOut = false;
        ConsentEvent? latest = null;
        await foreach (var e in store.GetHistoryAsync(change.Request.Account, change.Request.Number, cancellationToken).ConfigureAwait(false))
        {
            if (e.Scope == SuppressionScope.Account)
            {
                optedOut |= e.Kind == ConsentKind.OptOut;
                latest = latest is null || e.RecordedAt >= latest.RecordedAt ? e : latest;
            }
        }

        return change.Kind == ConsentKind.OptOut && optedOut && latest is { Kind: ConsentKind.OptIn };
    }

    /// <summary>The URL the provider called and signed: the configured public base, or the request's own URL (after <c>UseForwardedHeaders()</c>).</summary>
    private Uri PublicUrl(HttpContext context, string provider)
    {
        if (options.InboundPublicUrl is not { } configured)
        {
            return new Uri(context.Request.GetEncodedUrl());
        }

        var path = "/" + Uri.EscapeDataString(provider)
            + (context.Request.RouteValues["account"] is string account ? "/" + Uri.EscapeDataString(account) : string.Empty);
        return new Uri(configured.GetLeftPart(UriPartial.Path).TrimEnd('/') + path + context.Request.QueryString.Value);
    }

    /// <summary>The body, at most <see cref="MaxBodyBytes"/>; a larger one throws Kestrel's 413, declared or streamed.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            // A server without a body limit of its own (an in-process test server): the same answer.
            throw new BadHttpRequestException($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        return buffer.ToArray();
    }

    /// <summary>Any method but GET and POST: 405 with <c>Allow</c>, a line, and a log line.</summary>
    public Task MethodNotAllowedAsync(HttpContext context)
    {
        Log.InboundRefused(logger, "any", "405", $"the method {Methods.Describe(context.Request.Method)}; inbound webhooks take GET and POST");
        context.Response.Headers.Allow = "GET, POST";
        return PlainText.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Inbound webhooks are sent with POST (or GET, where the provider does).");
    }

    private static bool TryAccount(string text, [NotNullWhen(true)] out AccountId? account)
    {
        try
        {
            account = new AccountId(text);
            return true;
        }
        catch (ArgumentException)
        {
            account = null;
            return false;
        }
    }

    private static int StatusCode(InboundWebhookStatus status) => status switch
    {
        InboundWebhookStatus.Unauthorized => StatusCodes.Status403Forbidden,
        InboundWebhookStatus.UnknownAccount => StatusCodes.Status404NotFound,
        InboundWebhookStatus.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        InboundWebhookStatus.RetryLater => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
