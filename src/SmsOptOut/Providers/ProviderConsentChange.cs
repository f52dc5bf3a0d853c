using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>An opt-out or opt-in a provider reported, to be recorded through <c>IOptOutService</c>.</summary>
/// <param name="Kind">Opt-out or opt-in.</param>
/// <param name="Request">Who, through which source, with what evidence, and the provider's idempotency key.</param>
public sealed record ProviderConsentChange(ConsentKind Kind, ConsentRequest Request)
{
    /// <summary>
    /// Whether the report may only echo a state SmsOptOut pushed to the provider earlier (SMS.to's <c>UNSUBSCRIBED</c> status
    /// for a number whose opt-out we pushed and whose later opt-in SMS.to has yet to apply). Such an opt-out is not recorded
    /// when the number's latest account-wide consent here is an opt-in that followed an opt-out recorded here: it tells
    /// nothing new, and recording it would undo the person's later consent. Default <see langword="false"/>.
    /// </summary>
    public bool MayEchoPush { get; init; }

    private const int MaxMessageIdLength = 200;

    /// <summary>
    /// The opt-out a provider's status callback or delivery receipt reports — a message it failed because the recipient
    /// had opted out with it — with source <see cref="OptOutSource.ProviderError"/>, the error and message as evidence,
    /// and the message's id as idempotency key, so the provider's repeat of the same report changes nothing.
    /// </summary>
    /// <param name="account">The account that sent the message.</param>
    /// <param name="recipient">Who opted out.</param>
    /// <param name="provider">The provider's name (<c>plivo</c>).</param>
    /// <param name="errorCode">The provider's error code for it (<c>200</c>).</param>
    /// <param name="messageId">The provider's id of the failed message, when the report carries one.</param>
    /// <param name="reportedAt">When the report arrived.</param>
    /// <param name="note">What the report said, for the consent log.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is longer than 200 characters: no provider's id is.</exception>
    public static ProviderConsentChange OptedOutAtProvider(AccountId account, PhoneNumber recipient, string provider, string errorCode, string? messageId,
        DateTimeOffset reportedAt, string note) =>
        messageId is { Length: > MaxMessageIdLength }
            ? throw new ArgumentException($"The message id is {messageId.Length} characters long; a provider's message id has at most {MaxMessageIdLength}.", nameof(messageId))
            : new(ConsentKind.OptOut, new ConsentRequest(account, recipient, OptOutSource.ProviderError)
        {
            OccurredAt = reportedAt,
            IdempotencyKey = messageId is null ? null : $"status:{provider}:{messageId}",
            Evidence = new ConsentEvidence { ProviderName = provider, ProviderErrorCode = errorCode, ProviderMessageId = messageId, Note = note },
        });
}
