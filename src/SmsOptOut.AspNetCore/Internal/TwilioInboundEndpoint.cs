using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.Twilio;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// <c>POST {inbound}/twilio</c>: Twilio's inbound-message webhook. The <c>X-Twilio-Signature</c> is checked before
/// anything is read into the model (missing or wrong: 403, nothing recorded); the message goes to the keyword
/// processor, and the confirmation comes back as TwiML or through the transport.
/// </summary>
internal sealed class TwilioInboundEndpoint(SmsOptOutEndpointOptions options, string authToken, InboundAccounts accounts, TimeProvider time, ILogger logger)
{
    private static readonly FormOptions TwilioForm = new() { ValueCountLimit = 128, ValueLengthLimit = 16_384, BufferBody = false };

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Expected Twilio's form-encoded (application/x-www-form-urlencoded) webhook.").ConfigureAwait(false);
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(TwilioForm, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "Twilio's webhook body could not be read: " + e.Message).ConfigureAwait(false);
            return;
        }

        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var url = options.TwilioWebhookUrl?.ToString() ?? context.Request.GetEncodedUrl();
        if (!TwilioRequestValidator.IsValid(url, pairs, context.Request.Headers[TwilioRequestValidator.SignatureHeader].ToString(), authToken))
        {
            Log.InvalidTwilioSignature(logger, url);
            await PlainText.WriteAsync(context, StatusCodes.Status403Forbidden, "Missing or invalid X-Twilio-Signature.").ConfigureAwait(false);
            return;
        }

        var fields = pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        InboundSms message;
        try
        {
            var to = PhoneNumber.Parse(fields.GetValueOrDefault("To") ?? string.Empty);
            if (await accounts.ResolveAsync(to, context.RequestAborted).ConfigureAwait(false) is not { } account)
            {
                Log.NoInboundAccount(logger, to.ToMaskedString());
                await PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "No account receives messages at the 'To' number.").ConfigureAwait(false);
                return;
            }

            message = TwilioInbound.ToInboundSms(account, fields, time.GetUtcNow());
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }

        var delivery = options.TwilioReplyWithTwiml ? InboundReplyDelivery.Caller : InboundReplyDelivery.Transport;
        var result = await context.RequestServices.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(message, delivery, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(TwilioInbound.TwimlResponse(options.TwilioReplyWithTwiml ? result.Reply : null), context.RequestAborted).ConfigureAwait(false);
    }
}
