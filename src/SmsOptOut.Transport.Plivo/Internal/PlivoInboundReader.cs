using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// Plivo's message webhooks (https://www.plivo.com/docs/messaging/api/message/receive-a-message and the status callback of
/// a send): form fields, or a GET's query. An incoming message carries <c>From</c>, <c>To</c>, <c>Text</c> and
/// <c>MessageUUID</c>; a status callback carries <c>Status</c>, <c>ErrorCode</c>, <c>To</c> and <c>MessageUUID</c>, and
/// error 200 means the recipient replied STOP. The signatures are checked first — V3 and V2, each with the subaccount's or
/// the main account's token as its header says; one that verifies is enough — and a nonce seen before is a replay.
/// </summary>
internal sealed class PlivoInboundReader(ProviderAccountOptions<PlivoOptions> options, IWebhookReplayGuard replayGuard)
    : SignedWebhookReader<PlivoOptions>(options, replayGuard)
{
    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request)
    {
        // The account's own address: an incoming message's 'To', a status callback's 'From'.
        var fields = Fields(request);
        return ProviderNumbers.FindSender(fields.GetValueOrDefault(IsStatusCallback(fields) ? "From" : "To"), request.DefaultRegion);
    }

    protected override ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, PlivoOptions credentials, CancellationToken cancellationToken)
    {
        if (request.Method != "GET" && !request.HasMediaType("application/x-www-form-urlencoded"))
        {
            return ValueTask.FromResult<InboundWebhookResult?>(InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType,
                "Expected Plivo's form-encoded (application/x-www-form-urlencoded) webhook, or a GET."));
        }

        var verification = Verify(request, credentials);
        return ValueTask.FromResult(verification.IsValid ? null : Unauthorized(verification.Refusal));
    }

    /// <summary>The nonce of the scheme that verified the request (a V2 one's when V2 verified), remembered for <see cref="PlivoOptions.ReplayWindow"/>.</summary>
    protected override (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, PlivoOptions options) =>
        Verify(request, options).OneTimeValue is { } nonce ? (nonce, request.ReceivedAt + options.ReplayWindow) : null;

    /// <summary>V2 signs the URL and the nonce, not the fields: a request only V2 verified carries no authenticated text.</summary>
    protected override bool SignsContent(InboundWebhookRequest request, PlivoOptions options) => Verify(request, options).Verified.Any(s => s.SignsBody);

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account)
    {
        var fields = Fields(request);
        var result = InboundWebhookResult.Accepted(account);
        var id = fields.GetValueOrDefault("MessageUUID");
        if (!IsStatusCallback(fields))
        {
            var message = new InboundSms(account, ProviderNumbers.Require(fields.GetValueOrDefault("From"), "From", request.DefaultRegion),
                ProviderNumbers.RequireSender(fields.GetValueOrDefault("To"), "To", request.DefaultRegion), fields.GetValueOrDefault("Text") ?? string.Empty, request.ReceivedAt)
            {
                ProviderMessageId = id, ProviderName = PlivoProvider.ProviderName,
            };
            return result with { Messages = [message] };
        }

        if (fields.GetValueOrDefault("ErrorCode") != PlivoProvider.OptedOutError)
        {
            return result;
        }

        var recipient = ProviderNumbers.Require(fields.GetValueOrDefault("To"), "To", request.DefaultRegion);
        return result with
        {
            ConsentChanges =
            [
                ProviderConsentChange.OptedOutAtProvider(account, recipient, PlivoProvider.ProviderName, PlivoProvider.OptedOutError, id, request.ReceivedAt,
                    "Plivo status callback: the recipient replied STOP (error 200)"),
            ],
        };
    }

    private static PlivoVerification Verify(InboundWebhookRequest request, PlivoOptions credentials) =>
        PlivoSignature.Verify(request.Method, request.Url.OriginalString, request.Method == "GET" ? [] : request.ReadForm(), request.Header, credentials);

    /// <summary>The fields: a POST's form, a GET's query; the first value of a repeated one.</summary>
    private static Dictionary<string, string> Fields(InboundWebhookRequest request) =>
        (request.Method == "GET" ? request.ReadQuery() : request.ReadForm())
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static bool IsStatusCallback(Dictionary<string, string> fields) => fields.ContainsKey("Status") && !fields.ContainsKey("Text");
}
