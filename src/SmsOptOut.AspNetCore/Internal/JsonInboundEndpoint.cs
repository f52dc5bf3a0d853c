using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// <c>POST {inbound}/json</c>: inbound SMS from any gateway without an adapter, authenticated by a shared secret
/// (<c>X-SmsOptOut-Secret</c> or <c>Authorization: Bearer</c>, compared in constant time), fed to the keyword processor.
/// </summary>
internal sealed class JsonInboundEndpoint(string secret, InboundAccounts accounts, SmsOptOutEndpointOptions options, string? defaultRegion, TimeProvider time, ILogger logger)
{
    public const string SecretHeader = "X-SmsOptOut-Secret";
    private const long MaxBodyBytes = 64 * 1024;

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    public async Task HandleAsync(HttpContext context)
    {
        if (!Authenticated(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            Log.JsonInboundRefused(logger, StatusCodes.Status401Unauthorized, "a missing or wrong shared secret");
            await PlainText.WriteAsync(context, StatusCodes.Status401Unauthorized, $"Missing or wrong shared secret: send it in the {SecretHeader} header.").ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body must be at most {MaxBodyBytes} bytes.", RequestBody.Reason(StatusCodes.Status413PayloadTooLarge))
                .ConfigureAwait(false);
            return;
        }

        JsonInboundMessage? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, JsonInboundSerializerContext.Default.JsonInboundMessage, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The body is not the expected JSON {\"from\":…,\"to\":…,\"body\":…}: " + e.Message, "the body is not the expected JSON")
                .ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (RequestBody.IsReadFailure(e, context))
        {
            // A chunked body past the limit surfaces here, from the read, as Kestrel's 413.
            if (RequestBody.Status(e) is { } status)
            {
                await RefuseAsync(context, status, status == StatusCodes.Status413PayloadTooLarge ? $"The body must be at most {MaxBodyBytes} bytes." : "The body cannot be read: its framing is malformed.",
                    RequestBody.Reason(status)).ConfigureAwait(false);
            }
            else
            {
                Log.ClientWentAway(logger, "JSON inbound");
            }

            return;
        }

        InboundSms message;
        try
        {
            if (body is null || string.IsNullOrWhiteSpace(body.From) || string.IsNullOrWhiteSpace(body.To) || body.Body is null)
            {
                throw new ArgumentException("The body needs \"from\" (the person's phone number), \"to\" (the number, short code or sender ID it was sent to) and \"body\" (the message text).");
            }

            var from = PersonNumber(body.From);
            var to = Address(body.To);
            var now = time.GetUtcNow();
            var receivedAt = body.ReceivedAt ?? now;
            if (receivedAt > now + options.InboundClockSkew || receivedAt < now - options.InboundMaxAge)
            {
                throw new ArgumentException(
                    $"\"receivedAt\" {receivedAt:O} is not a time the message can have been received: expected at most {options.InboundClockSkew.TotalMinutes:0.#} minutes ahead of this server's clock ({now:O}) and at most {options.InboundMaxAge.TotalDays:0.#} days behind it.");
            }

            var named = body.Account is { Length: > 0 } text ? new AccountId(text) : (AccountId?)null;
            if (await accounts.ResolveAsync(to, named, context.RequestAborted).ConfigureAwait(false) is not { } account)
            {
                await RefuseAsync(context, StatusCodes.Status404NotFound, "No such account receives messages at the \"to\" address.", "no account the host knows receives messages at the \"to\" address")
                    .ConfigureAwait(false);
                return;
            }

            message = new InboundSms(account, from, to, body.Body, receivedAt)
            {
                ProviderMessageId = body.MessageId, ProviderName = body.Provider ?? "json",
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The answer names the field and echoes what it held; the log names neither, as it may be a number.
            await RefuseAsync(context, StatusCodes.Status400BadRequest, e.Message, "a field of the body is missing or cannot be read (the answer names it)").ConfigureAwait(false);
            return;
        }

        var delivery = body.ReplyInResponse ? InboundReplyDelivery.Caller : InboundReplyDelivery.Transport;
        var result = await context.RequestServices.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(message, delivery, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body,
            new JsonInboundResult(result.Match.Class.ToString(), result.Consent?.Changed ?? false, result.Reply, result.ReplySent, result.OptIn?.Level.ToString()),
            JsonInboundSerializerContext.Default.JsonInboundResult, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Any method but POST: 405 with <c>Allow</c>, a line, and a log line.</summary>
    public Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        return RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, "The JSON inbound endpoint takes POST.", $"the method {Methods.Describe(context.Request.Method)}");
    }

    /// <summary>A refusal: the status, one line for the caller, and log event 2014 with a reason that names nothing the body carried.</summary>
    private Task RefuseAsync(HttpContext context, int status, string answer, string reason)
    {
        Log.JsonInboundRefused(logger, status, reason);
        return PlainText.WriteAsync(context, status, answer);
    }

    /// <summary>
    /// The sender's number as typed (a national one in the default region), else as providers write it; a short code or
    /// sender ID is refused naming what it is.
    /// </summary>
    private PhoneNumber PersonNumber(string text) =>
        PhoneNumber.TryParse(text, defaultRegion, out var number) ? number : ProviderNumbers.Require(text, "from", defaultRegion);

    private SenderAddress Address(string text)
    {
        try
        {
            return SenderAddress.Parse(text, defaultRegion);
        }
        catch (SenderAddressFormatException e)
        {
            throw new ArgumentException("\"to\": " + e.Message, e);
        }
    }

    private bool Authenticated(HttpRequest request)
    {
        var presented = request.Headers[SecretHeader].ToString();
        if (presented.Length == 0 && request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _secret);
    }
}
