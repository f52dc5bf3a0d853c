using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Samples.Console;

/// <summary>The account's callback URL: receives the opt-out webhooks and verifies their Standard Webhooks signature.</summary>
internal sealed class WebhookInbox(string secret)
{
    public string Secret => secret;

    public ConcurrentQueue<(string Body, bool SignatureValid)> Received { get; } = new();

    public async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var verdict = StandardWebhookSignature.Verify(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body,
            [secret], DateTimeOffset.UtcNow);
        Received.Enqueue((body, verdict == WebhookVerificationResult.Valid));
        context.Response.StatusCode = verdict == WebhookVerificationResult.Valid ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
    }
}
