using Microsoft.Extensions.Logging;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.OptIn;
using SmsOptOut.OptIn.Internal;
using SmsOptOut.Sending;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Keywords.Internal;

/// <summary>Classifies inbound messages, records consent through the one service, and answers once.</summary>
internal sealed class InboundSmsProcessor(
    IOptOutService optOut,
    ISuppressionStore store,
    IKeywordOptionsProvider optionsProvider,
    KeywordClassifierCache classifiers,
    IKeywordReplyLedger ledger,
    ISenderIdentityProvider senderIdentities,
    OptInService optIns,
    TimeProvider timeProvider,
    ILogger<InboundSmsProcessor> logger,
    Microsoft.Extensions.Options.IOptions<SmsOptOutOptions> globalOptions,
    ISmsTransport? transport = null) : IInboundSmsProcessor
{
    private const int MaxEvidenceText = 1_600;

    public async Task<InboundSmsResult> ProcessAsync(InboundSms message, InboundReplyDelivery delivery = InboundReplyDelivery.Transport, CancellationToken cancellationToken = default)
    {
        Validate(message);
        using var activity = SmsOptOutActivities.Start(SmsOptOutActivities.Inbound, message.Account).WithNumber(message.From);
        activity?.SetTag("smsoptout.provider", message.ProviderName);
        try
        {
            var result = await ProcessValidAsync(message, delivery, cancellationToken).ConfigureAwait(false);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag("smsoptout.keyword.class", result.Match.Class.ToString());
                activity.SetTag(SmsOptOutActivities.OutcomeTag, result.Consent is { } consent ? TagValues.Status(consent.Status) : "none");
                activity.SetTag("smsoptout.reply", result.ReplySent ? "sent" : result.Reply is not null ? "returned" : "none");
            }

            return result;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task<InboundSmsResult> ProcessValidAsync(InboundSms message, InboundReplyDelivery delivery, CancellationToken cancellationToken)
    {
        KeywordOptions options;
        var degraded = false;
        try
        {
            options = await optionsProvider.GetOptionsAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (AccountSettingsException)
        {
            // A STOP is never lost to a tenant's broken settings: its words are read with the global options (the log
            // and metric of the resolver say the account is invalid), and the reply names no brand but the account.
            (options, degraded) = (globalOptions.Value.Keywords, true);
        }

        var match = WithProviderClassification(classifiers.Get(options).Classify(message.Body), message);
        if (!message.TextAuthenticated && match.Class != KeywordClass.OptOut && match.Class != KeywordClass.Help)
        {
            Log.UnauthenticatedTextIgnored(logger, message.ProviderName ?? "provider", match.Class.ToString());
            return new InboundSmsResult(match) { NoReplyReason = "the provider's signature does not cover the text, so only an opt-out or a help request is taken from it" };
        }

        var result = match.Class switch
        {
            KeywordClass.OptOut => await OptOutAsync(message, match, options, cancellationToken).ConfigureAwait(false),
            KeywordClass.Help => new InboundSmsResult(match) { Reply = options.HelpReply },
            _ => await DoubleOptInAsync(message, match, options, cancellationToken).ConfigureAwait(false)
                ?? (match.Class == KeywordClass.OptIn
                    ? await OptInAsync(message, match, options, cancellationToken).ConfigureAwait(false)
                    : new InboundSmsResult(match) { NoReplyReason = "not a keyword" }),
        };

        result = ApplyReplyRules(message, options, result);
        if (result.Reply is { } template)
        {
            var identity = degraded ? new SenderIdentity() : await senderIdentities.GetIdentityAsync(message.Account, cancellationToken).ConfigureAwait(false);
            result = result with { Reply = ReplyTemplate.Render(template, message.Account, identity) };
        }

        if (result.Reply is null || delivery == InboundReplyDelivery.Caller)
        {
            return result;
        }

        return result with { ReplySent = await SendReplyAsync(message, result.Reply, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>The provider's classification where it decides (see <see cref="InboundSms.ProviderClassification"/>).</summary>
    private static KeywordMatch WithProviderClassification(KeywordMatch match, InboundSms message) =>
        message.ProviderClassification is { } provider && provider != match.Class
            && (provider == KeywordClass.OptOut || (match.Class == KeywordClass.None && provider is KeywordClass.OptIn or KeywordClass.Help))
            ? new KeywordMatch(provider, ProviderKeyword(message), IsWholeMessage: true)
            : match;

    private static string ProviderKeyword(InboundSms message) => $"({message.ProviderName ?? "provider"} classification)";

    private async Task<InboundSmsResult> OptOutAsync(InboundSms message, KeywordMatch match, KeywordOptions options, CancellationToken cancellationToken)
    {
        var consent = await optOut.OptOutAsync(Request(message, options), cancellationToken).ConfigureAwait(false);
        var result = new InboundSmsResult(match) { Consent = consent };
        if (consent.Status == ConsentApplyStatus.AlreadyInState && options.Scope == KeywordScope.Account)
        {
            // Already opted out, yet a sign-up may be pending since: STOP withdraws it, so a later YES confirms nothing.
            await optIns.RevokeAsync(message.Account, message.From, cancellationToken).ConfigureAwait(false);
        }

        switch (consent.Status)
        {
            case ConsentApplyStatus.Applied:
                return result with { Reply = options.OptOutReply };
            case ConsentApplyStatus.Duplicate:
                return result with { NoReplyReason = "duplicate of a message already processed" };
        }

        // Already opted out: answer again only when neither the opt-out nor an earlier answer is recent.
        var now = timeProvider.GetUtcNow();
        var lastOptOut = await LastOptOutAsync(message.Account, message.From, cancellationToken).ConfigureAwait(false);
        if (lastOptOut > now - options.QuietPeriod
            || !await ledger.TryRecordReplyAsync(message.Account, message.From, now, options.QuietPeriod, cancellationToken).ConfigureAwait(false))
        {
            return result with { NoReplyReason = "already opted out and answered within the quiet period" };
        }

        return result with { Reply = options.OptOutReply };
    }

    private async Task<InboundSmsResult> OptInAsync(InboundSms message, KeywordMatch match, KeywordOptions options, CancellationToken cancellationToken)
    {
        var consent = await optOut.OptInAsync(Request(message, options), cancellationToken).ConfigureAwait(false);
        var result = new InboundSmsResult(match) { Consent = consent };
        return consent.Changed ? result with { Reply = options.OptInReply } : result with { NoReplyReason = "was not opted out" };
    }

    /// <summary>A YES to a pending double opt-in confirms it (and lifts an earlier opt-out); a sign-up keyword requests one. Otherwise null.</summary>
    private async Task<InboundSmsResult?> DoubleOptInAsync(InboundSms message, KeywordMatch match, KeywordOptions options, CancellationToken cancellationToken)
    {
        if (!optIns.IsAvailable)
        {
            return null;
        }

        var request = Request(message, options);
        var evidence = request.Evidence;
        if (ConfirmationWords.IsConfirmation(message.Body, options.DoubleOptIn)
            && await optIns.TryConfirmAsync(message, evidence, cancellationToken).ConfigureAwait(false) is { } confirmed)
        {
            var lift = request with
            {
                Scope = SuppressionScope.Account,
                List = null,
                Evidence = evidence with { Note = $"Double opt-in confirmed; requested {confirmed.Request!.RequestedAt:O}" },
            };
            var lifted = await optOut.OptInAsync(lift, cancellationToken).ConfigureAwait(false);
            return new InboundSmsResult(match) { OptIn = confirmed, Consent = lifted, Reply = options.DoubleOptIn.ConfirmedReply };
        }

        if (ConfirmationWords.IsSignUp(message.Body, options.DoubleOptIn))
        {
            var (outcome, _, _) = await optIns.SaveRequestAsync(message.Account, message.From, evidence, cancellationToken).ConfigureAwait(false);
            return outcome == OptInRequestOutcome.Saved
                ? new InboundSmsResult(match) { Reply = options.DoubleOptIn.ConfirmationRequest }
                : new InboundSmsResult(match) { NoReplyReason = outcome == OptInRequestOutcome.AlreadyConfirmed ? "already confirmed" : "a confirmation was sent moments ago" };
        }

        return null;
    }

    private InboundSmsResult ApplyReplyRules(InboundSms message, KeywordOptions options, InboundSmsResult result)
    {
        if (result.Reply is null)
        {
            return result;
        }

        if (!options.SendReplies)
        {
            return result with { Reply = null, NoReplyReason = "replies are turned off" };
        }

        var age = timeProvider.GetUtcNow() - message.ReceivedAt;
        if (age > options.ReplyWindow)
        {
            Log.ReplyWindowMissed(logger, message.From.ToMaskedString(), age);
            return result with { Reply = null, NoReplyReason = $"received {age} ago, outside the {options.ReplyWindow} reply window" };
        }

        return result;
    }

    private async Task<bool> SendReplyAsync(InboundSms message, string reply, CancellationToken cancellationToken)
    {
        if (transport is null)
        {
            Log.NoTransportForReply(logger, message.From.ToMaskedString());
            return false;
        }

        var sent = await transport.SendAsync(new SmsMessage(message.From, reply) { From = message.To, Account = message.Account }, cancellationToken).ConfigureAwait(false);
        if (sent.Status != SmsSendStatus.Sent)
        {
            Log.ReplyFailed(logger, message.From.ToMaskedString(), sent.Status.ToString(), sent.ErrorMessage);
        }

        return sent.Status == SmsSendStatus.Sent;
    }

    private async Task<DateTimeOffset> LastOptOutAsync(AccountId account, Numbers.PhoneNumber number, CancellationToken cancellationToken)
    {
        var last = DateTimeOffset.MinValue;
        await foreach (var e in store.GetHistoryAsync(account, number, cancellationToken).ConfigureAwait(false))
        {
            if (e.Kind == ConsentKind.OptOut && e.RecordedAt > last)
            {
                last = e.RecordedAt;
            }
        }

        return last;
    }

    private static ConsentRequest Request(InboundSms message, KeywordOptions options)
    {
        var perSender = options.Scope == KeywordScope.SendingNumber;
        var body = message.Body ?? string.Empty;
        return new ConsentRequest(message.Account, message.From, OptOutSource.Keyword)
        {
            Scope = perSender ? SuppressionScope.List : SuppressionScope.Account,
            List = perSender ? SendingNumberScope.ListFor(message.To) : (ListId?)null,
            OccurredAt = message.ReceivedAt,
            IdempotencyKey = message.ProviderMessageId is { Length: > 0 } id ? $"sms:{message.ProviderName ?? "provider"}:{id}" : null,
            Evidence = new ConsentEvidence
            {
                MessageText = body.Length <= MaxEvidenceText ? body : body[..MaxEvidenceText],
                ProviderMessageId = message.ProviderMessageId,
                ProviderName = message.ProviderName,
                Note = message.ProviderClassification is { } provider and not KeywordClass.None
                    ? $"{message.ProviderName ?? "The provider"} classified the message as {provider switch { KeywordClass.OptOut => "an opt-out", KeywordClass.OptIn => "an opt-in", _ => "a help request" }}"
                    : null,
            },
        };
    }

    private static void Validate(InboundSms message)
    {
        ArgumentNullException.ThrowIfNull(message);
        StoreArguments.ValidateAccount(message.Account);
        if (message.From.IsEmpty || message.To.IsEmpty)
        {
            throw new ArgumentException("An inbound message needs the sender's number (From) and the account's number it was sent to (To).", nameof(message));
        }
    }
}
