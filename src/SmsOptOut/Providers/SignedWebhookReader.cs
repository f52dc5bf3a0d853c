using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>
/// The order every provider's webhook is read in, for provider authors: choose the credentials, verify the request with
/// them, and only then parse it. With static credentials and no account in the URL the request is verified first and its
/// account found from its recipient afterwards. With per-account credentials the account comes from the URL, or else
/// from the recipient the request names — read unverified, only to choose whose credentials must verify it; a forged
/// request cannot pass another account's signature. A provider whose requests carry a one-time value (a nonce, a
/// signature over a timestamp) names it in <see cref="OneTimeValue"/>: a verified request whose value was already used is
/// refused as a replay.
/// </summary>
/// <typeparam name="TOptions">The provider's options type, which holds its credentials.</typeparam>
public abstract class SignedWebhookReader<TOptions> : IInboundWebhookReader
    where TOptions : class
{
    /// <summary>Creates the reader.</summary>
    /// <param name="options">The provider's options per account.</param>
    protected SignedWebhookReader(ProviderAccountOptions<TOptions> options)
        : this(options, null)
    {
    }

    /// <summary>Creates the reader with a guard against replayed requests.</summary>
    /// <param name="options">The provider's options per account.</param>
    /// <param name="replayGuard">Remembers the one-time values of verified requests.</param>
    protected SignedWebhookReader(ProviderAccountOptions<TOptions> options, IWebhookReplayGuard? replayGuard)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ReplayGuard = replayGuard;
    }

    /// <summary>The provider's options per account.</summary>
    protected ProviderAccountOptions<TOptions> Options { get; }

    /// <summary>Remembers the one-time values of verified requests, when the provider signs any.</summary>
    protected IWebhookReplayGuard? ReplayGuard { get; }

    /// <inheritdoc />
    public virtual bool RepliesInResponse => false;

    /// <inheritdoc />
    public virtual InboundWebhookResponse Respond(InboundWebhookResult result, string? reply) => InboundWebhookResponse.Empty;

    /// <inheritdoc />
    public async Task<InboundWebhookResult> ReadAsync(InboundWebhookRequest request, IInboundAccountResolver accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accounts);
        AccountId? account = request.Account;
        if (account is null && Options.PerAccount)
        {
            account = await accounts.ResolveAsync(SafeReadRecipient(request), cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                return InboundWebhookResult.Refused(InboundWebhookStatus.Unauthorized,
                    "No account receives messages at the number the request names, so no credentials can verify it.");
            }
        }

        TOptions options;
        try
        {
            options = await Options.GetAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OptionsValidationException or Accounts.AccountSettingsException)
        {
            return InboundWebhookResult.Refused(InboundWebhookStatus.Unauthorized, "The account's provider credentials are not configured correctly.");
        }

        if (await VerifyAsync(request, options, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        account ??= await accounts.ResolveAsync(SafeReadRecipient(request), cancellationToken).ConfigureAwait(false);
        if (account is not { } known)
        {
            return InboundWebhookResult.Refused(InboundWebhookStatus.UnknownAccount, "No account receives messages at the number the request names.");
        }

        string? oneTimeKey = null;
        if (ReplayGuard is not null && OneTimeValue(request, options) is { } oneTime)
        {
            oneTimeKey = typeof(TOptions).Name + ":" + oneTime.Value;
            if (!await ReplayGuard.TryUseAsync(oneTimeKey, oneTime.Until, cancellationToken).ConfigureAwait(false))
            {
                return Unauthorized("This request was already received: a replay.");
            }
        }

        try
        {
            var result = Read(request, known) with { OneTimeKey = oneTimeKey };
            return SignsContent(request, options) ? result : result with
            {
                // What the signature does not cover could be anyone's words: only what can do no harm is taken from it.
                Messages = [.. result.Messages.Select(m => m with { TextAuthenticated = false })],
                ConsentChanges = [.. result.ConsentChanges.Where(c => c.Kind == ConsentKind.OptOut)],
            };
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return InboundWebhookResult.Refused(InboundWebhookStatus.Malformed, e.Message);
        }
    }

    /// <summary>
    /// The verified request's one-time value (a nonce, or a signature over a timestamp) and until when it must not recur
    /// (when its timestamp would be refused anyway); <see langword="null"/> when the provider signs none.
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="options">The credentials that verified it.</param>
    /// <returns>The value and its expiry, or <see langword="null"/>.</returns>
    protected virtual (string Value, DateTimeOffset Until)? OneTimeValue(InboundWebhookRequest request, TOptions options) => null;

    /// <summary>
    /// Whether the signature that verified <paramref name="request"/> covers what it carries (the body or the fields), and
    /// not only its URL and a nonce (Plivo's V2). When it does not, its messages are marked
    /// <see cref="Keywords.InboundSms.TextAuthenticated"/> <see langword="false"/> (only an opt-out or a help request is taken
    /// from them) and its opt-ins are dropped. <see langword="true"/> by default.
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="options">The credentials that verified it.</param>
    /// <returns><see langword="true"/> when the content is signed.</returns>
    protected virtual bool SignsContent(InboundWebhookRequest request, TOptions options) => true;

    /// <summary>
    /// The account's address the request concerns (an inbound message's recipient, a status callback's sender), read
    /// <em>before</em> verification and used only to find the account whose credentials must verify it;
    /// <see langword="null"/> when the request names none.
    /// </summary>
    /// <param name="request">The request, unverified.</param>
    /// <returns>The address, or <see langword="null"/>.</returns>
    protected abstract SenderAddress? ReadRecipient(InboundWebhookRequest request);

    /// <summary>Checks the request's signature (and timestamp, nonce) with <paramref name="options"/> before anything is parsed.</summary>
    /// <param name="request">The request.</param>
    /// <param name="options">The credentials of the request's account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="null"/> when the request is genuine; otherwise the refusal (<see cref="InboundWebhookStatus.Unauthorized"/> or <see cref="InboundWebhookStatus.UnsupportedMediaType"/>).</returns>
    protected abstract ValueTask<InboundWebhookResult?> VerifyAsync(InboundWebhookRequest request, TOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a verified request into what it carries. A bad body throws <see cref="ArgumentException"/>,
    /// <see cref="FormatException"/>, <see cref="JsonException"/>, or what <see cref="JsonElement"/> throws for a missing or
    /// mistyped property (a 400 naming the problem).
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="account">Its account.</param>
    /// <returns>The accepted result with its messages and consent changes.</returns>
    protected abstract InboundWebhookResult Read(InboundWebhookRequest request, AccountId account);

    /// <summary>A refusal for a missing, wrong, expired or replayed signature.</summary>
    /// <param name="reason">Which, in words that name nothing secret.</param>
    /// <returns>The refusal.</returns>
    protected static InboundWebhookResult Unauthorized(string reason) => InboundWebhookResult.Refused(InboundWebhookStatus.Unauthorized, reason);

    /// <summary>What reading a body that is not the provider's shape throws (a missing JSON property, an empty array, a number where text belongs).</summary>
    private static bool IsMalformed(Exception e) =>
        e is ArgumentException or FormatException or JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException;

    private SenderAddress? SafeReadRecipient(InboundWebhookRequest request)
    {
        try
        {
            return ReadRecipient(request);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return null;
        }
    }
}
