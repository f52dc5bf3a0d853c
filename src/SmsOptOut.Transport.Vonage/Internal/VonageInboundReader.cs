using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// Vonage's webhooks at one endpoint, from either of its APIs:
/// <list type="bullet">
/// <item>the <b>Messages API</b> — a request with <c>Authorization: Bearer …</c>, or a JSON object with <c>channel</c> or
/// <c>message_uuid</c> (its fields; the SMS API's are <c>msisdn</c> and <c>messageId</c>): verified by its JWT
/// (<see cref="VonageMessagesJwt"/>), read as an inbound SMS (<see cref="ReadMessagesApi"/>);</item>
/// <item>the <b>SMS API</b> — anything else, as GET query, POST form or POST JSON (the account's "HTTP method" setting):
/// verified by its <c>sig</c> (<see cref="VonageSignature"/>), read as an inbound message or a delivery receipt.</item>
/// </list>
/// With <see cref="VonageWebhookAuthentication.UrlSecret"/> both are verified by the URL's <c>secret</c> alone. The signed
/// time must lie inside <see cref="VonageWebhookWindow"/>; a verified request that carries something (an inbound message,
/// an opt-out receipt) is remembered by its <c>nonce</c> or <c>jti</c> for as long as it could be accepted, so a replay is refused.
/// </summary>
internal sealed partial class VonageInboundReader(ProviderAccountOptions<VonageOptions> options, IWebhookReplayGuard replayGuard, TimeProvider time)
    : SignedWebhookReader<VonageOptions>(options, replayGuard)
{
    public const string UrlSecretField = "secret";

    protected override SenderAddress? ReadRecipient(InboundWebhookRequest request) =>
        IsMessagesApi(request) ? MessagesApiRecipient(request) : ProviderNumbers.FindSender(SmsApiFields(request).GetValueOrDefault("to"), request.DefaultRegion);

    protected override async ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, VonageOptions credentials, CancellationToken cancellationToken)
    {
        var messagesApi = IsMessagesApi(request);
        if (messagesApi ? !request.HasMediaType("application/json")
            : request.Method != "GET" && !request.HasMediaType("application/x-www-form-urlencoded") && !request.HasMediaType("application/json"))
        {
            return InboundWebhookResult.Refused(InboundWebhookStatus.UnsupportedMediaType, messagesApi
                ? "Expected Vonage's Messages API webhook as JSON."
                : "Expected Vonage's SMS API webhook as a GET, a form or JSON.");
        }

        if (credentials.WebhookAuthentication == VonageWebhookAuthentication.UrlSecret)
        {
            return HasUrlSecret(request, credentials.CallbackSecret) ? null
                : Unauthorized("Missing or wrong secret in the webhook URL (VonageOptions.WebhookAuthentication is UrlSecret).");
        }

        if (credentials.SignatureSecret is not { Length: > 0 } secret)
        {
            return Unauthorized("Vonage webhooks are refused until VonageOptions.SignatureSecret is set (with signing on at Vonage), " +
                "or VonageOptions.WebhookAuthentication is UrlSecret for an account without signed webhooks.");
        }

        return messagesApi
            ? await VerifyMessagesApiAsync(request, secret, credentials.SignatureTolerance).ConfigureAwait(false)
            : VerifySmsApi(request, secret, credentials.SignatureMethod, credentials.SignatureTolerance);
    }

    protected override (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, VonageOptions options) =>
        options.WebhookAuthentication != VonageWebhookAuthentication.Signature ? null
        : IsMessagesApi(request) ? MessagesApiOneTimeValue(request, options.SignatureTolerance)
        : SmsApiOneTimeValue(request, options.SignatureTolerance);

    protected override InboundWebhookResult Read(InboundWebhookRequest request, AccountId account) =>
        IsMessagesApi(request) ? ReadMessagesApi(request, account) : ReadSmsApi(request, account);

    /// <summary>Whether the request is the Messages API's: a Bearer token, or a JSON object with its fields.</summary>
    private static bool IsMessagesApi(InboundWebhookRequest request) =>
        VonageMessagesJwt.BearerToken(request.Header("Authorization")) is not null || IsMessagesApiBody(request);

    /// <summary>Whether the URL's <c>secret</c> is <paramref name="expected"/>: their SHA-256 hashes compared in constant time, so not even the length shows.</summary>
    private static bool HasUrlSecret(InboundWebhookRequest request, string? expected)
    {
        var presented = request.ReadQuery().Where(p => p.Key == UrlSecretField).Select(p => p.Value).FirstOrDefault();
        return expected is { Length: > 0 } && presented is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
