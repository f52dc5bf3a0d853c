using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.DoNotCall;
using SmsOptOut.Internal;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Sending.Internal;

/// <summary>List and single sends with the suppression, link and provider-opt-out guards.</summary>
internal sealed class SmsSender(
    ISuppressionStore store,
    IOptOutLinkGenerator links,
    IOptOutService optOut,
    IKeywordOptionsProvider keywordOptions,
    ISenderIdentityProvider senderIdentities,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    SmsOptOutMetrics metrics,
    ILogger<SmsSender> logger,
    QuietHours quietHours,
    IQuietHoursProvider quietHoursRules,
    ISmsTransport? transport = null,
    IDoNotCallRegistryStore? doNotCall = null,
    OptIn.IOptInStore? optIns = null,
    ISendLedger? sendLedger = null,
    IDeferredSendStore? deferredSends = null) : ISmsSender
{
    private readonly Regex _instruction = new(options.Value.Sending.OptOutInstructionPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The last text checked for an opt-out instruction, with the answer.</summary>
    private volatile InstructionMatch? _lastInstruction;

    /// <summary>The caps of the last send that had some, kept for the next one to the same list from the same sender.</summary>
    private volatile FrequencyCaps? _lastCaps;

    public const string NoLedgerMessage =
        "SmsOptOutOptions.Sending.FrequencyCaps are set but the chosen storage counts no sends (ISendLedger): use the SQLite, PostgreSQL, Redis or in-memory storage, or an adapter that implements ISendLedger.";

    public const string NoDeferredStoreMessage =
        "SmsOptOutOptions.Sending.HoldDeferred is on but the chosen storage holds no messages (IDeferredSendStore): use the SQLite, PostgreSQL, Redis or in-memory storage, or an adapter that implements IDeferredSendStore.";

    public async Task<ListSendResult> SendToListAsync(ListSendRequest request, IAsyncEnumerable<string> recipients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recipients);
        ValidateListRequest(request);
        var job = SendJob.Of(request, PurposeOf(request.Purpose), RulesOf(PurposeOf(request.Purpose)));
        var template = await ComposeAsync(job, cancellationToken).ConfigureAwait(false);
        return await RunAsync(job, template, recipients, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="job"/> to <paramref name="recipients"/> batch by batch (also the scheduler's release of held messages).</summary>
    internal async Task<ListSendResult> RunAsync(SendJob job, MessageTemplate template, IAsyncEnumerable<string> recipients, CancellationToken cancellationToken)
    {
        var batch = new ListBatch(this, job, template, RequireTransport(), await SenderScopeAsync(job.Account, job.From, cancellationToken).ConfigureAwait(false),
            job.Rules.HasFlag(SendRules.QuietHours) ? await QuietHoursOfAsync(job.Account, job.From, cancellationToken).ConfigureAwait(false) : []);

        var total = 0L;
        var cancelled = false;
        var inputs = new List<string>(job.Single ? 1 : options.Value.Sending.BatchSize);
        try
        {
            await foreach (var input in recipients.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                total++;
                inputs.Add(input);
                if (inputs.Count == options.Value.Sending.BatchSize)
                {
                    cancelled = !await batch.ProcessAsync(inputs, cancellationToken).ConfigureAwait(false);
                    inputs.Clear();
                    if (cancelled)
                    {
                        break;
                    }
                }
            }

            if (!cancelled && inputs.Count > 0)
            {
                cancelled = !await batch.ProcessAsync(inputs, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        var result = batch.Counters.ToResult(total, cancelled);
        if (!job.Single)
        {
            Log.ListSent(logger, job.Account.Value, job.List?.Value ?? string.Empty, result.Sent, result.Suppressed, result.DoNotCallRegistry, job.DoNotCallExemption.ToString(),
                result.Invalid, result.Duplicates, result.Failed, cancelled);
        }

        return result;
    }

    /// <summary>Sends held messages under the rules of their send's purpose as they are now (an opt-out meanwhile is honoured).</summary>
    internal async Task<ListSendResult> ReleaseAsync(AccountId account, DeferredMessage message, IAsyncEnumerable<string> recipients, CancellationToken cancellationToken)
    {
        var job = message.ToJob(account, options.Value.Sending.DefaultPurpose, RulesOf);
        return await RunAsync(job, await ComposeAsync(job, cancellationToken).ConfigureAwait(false), recipients, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The frequency caps that bind <paramref name="job"/> (<see cref="FrequencyCaps.For"/>), shared with the previous send when it had the same.</summary>
    internal FrequencyCaps? FrequencyCapsOf(SendJob job)
    {
        var configured = options.Value.Sending.FrequencyCaps;
        if (_lastCaps is { } last && last.IsFor(configured, job.List, job.From, job.DoNotCallExemption))
        {
            return last;
        }

        var caps = FrequencyCaps.For(configured, job.List, job.From, job.DoNotCallExemption);
        if (caps is not null)
        {
            _lastCaps = caps;
        }

        return caps;
    }

    /// <summary>The purpose of a send that names <paramref name="purpose"/>, or the default one.</summary>
    internal MessagePurpose PurposeOf(MessagePurpose? purpose) => purpose ?? options.Value.Sending.DefaultPurpose;

    /// <summary>
    /// The rules <paramref name="purpose"/> is bound by: the options' (every rule for a purpose they do not map) and those
    /// the compliance profiles attach to it.
    /// </summary>
    internal SendRules RulesOf(MessagePurpose purpose) =>
        (options.Value.Sending.PurposeRules.TryGetValue(purpose, out var rules) ? rules : SendRules.All)
        | Compliance.Internal.PurposeFloor.Of(options.Value.Compliance.Profiles, purpose);

    /// <summary>
    /// The account's quiet-hours rules that cover the sender, checked as the options' are: a send with an invalid rule is
    /// refused before anything is sent.
    /// </summary>
    private async Task<IReadOnlyList<QuietHoursRule>> QuietHoursOfAsync(AccountId account, SenderAddress? from, CancellationToken cancellationToken)
    {
        var rules = await quietHoursRules.GetRulesAsync(account, cancellationToken).ConfigureAwait(false) ?? [];
        var failures = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            // The rule's place in the messages is written out only for a rule that fails, so a valid rule costs no formatting.
            SendingOptionsValidator.ValidateQuietHours(rules[i], string.Empty, failures);
            if (failures.Count > 0)
            {
                failures.Clear();
                for (var j = i; j < rules.Count; j++)
                {
                    SendingOptionsValidator.ValidateQuietHours(rules[j], $"the quiet-hours rule {j} of account '{account}'", failures);
                }

                break;
            }
        }

        return failures.Count == 0 ? [.. rules.Where(r => r.Covers(from))] : throw new InvalidOperationException(string.Join(" ", failures));
    }

    public async Task<MessageTemplate> ComposeListMessageAsync(ListSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateListRequest(request);
        return await ComposeAsync(SendJob.Of(request, PurposeOf(request.Purpose), RulesOf(PurposeOf(request.Purpose))), cancellationToken).ConfigureAwait(false);
    }

    public Task<SingleSendResult> SendAsync(AccountId account, string number, string text, SenderAddress? from = null, CancellationToken cancellationToken = default) =>
        SendAsync(new SingleSendRequest(account, number, text) { From = from }, cancellationToken);

    public async Task<SingleSendResult> SendAsync(SingleSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        StoreArguments.ValidateAccount(request.Account);
        ArgumentNullException.ThrowIfNull(request.Text, nameof(request));
        if (MessageTemplate.Parse(request.Text).HasOptOutLink)
        {
            throw new OptOutLinkRequiresListException();
        }

        var recipient = PhoneNumber.Parse(request.Number ?? throw new ArgumentNullException(nameof(request)), request.DefaultRegion ?? options.Value.DefaultRegion);
        ValidateRules(request.DoNotCallExemption, request.Consent, nameof(SingleSendRequest), nameof(request));
        RecipientOutcome? outcome = null;
        var purpose = PurposeOf(request.Purpose);
        var job = SendJob.Of(request, purpose, RulesOf(purpose)) with
        {
            OnRecipient = (o, _) =>
            {
                outcome = o;
                return ValueTask.CompletedTask;
            },
        };
        var template = await ComposeAsync(job, cancellationToken).ConfigureAwait(false);
        await RunAsync(job, template, new[] { recipient.ToString() }.ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false);
        return outcome is null
            ? new SingleSendResult(RecipientStatus.Failed) { Error = "the send was cancelled before the message was handed over" }
            : new SingleSendResult(outcome.Status)
            {
                ProviderMessageId = outcome.ProviderMessageId, NotBefore = outcome.NotBefore, Held = outcome.Held,
                Error = outcome.Error ?? (outcome.Status == RecipientStatus.Suppressed ? $"{recipient.ToMaskedString()} has opted out of account '{request.Account}'." : null),
            };
    }

    private void ValidateListRequest(ListSendRequest request)
    {
        StoreArguments.ValidateAccount(request.Account);
        if (request.List.Value is null)
        {
            throw new ArgumentException("A list send needs the list it goes to.", nameof(request));
        }

        ValidateRules(request.DoNotCallExemption, request.Consent, nameof(ListSendRequest), nameof(request));
    }

    /// <summary>Refuses undefined values and rules the storage cannot keep, before anything is sent.</summary>
    private void ValidateRules(DoNotCall.DoNotCallExemption exemption, ConsentRequirement consent, string requestName, string parameter)
    {
        if (!Enum.IsDefined(exemption))
        {
            throw new ArgumentException($"{requestName}.DoNotCallExemption {(int)exemption} is not None, Transactional, EstablishedBusinessRelationship or PriorExpressInvitation.", parameter);
        }

        if (!Enum.IsDefined(consent))
        {
            throw new ArgumentException($"{requestName}.Consent {(int)consent} is not None, OptIn or ConfirmedOptIn.", parameter);
        }

        if (options.Value.Sending.FrequencyCaps.Count > 0 && sendLedger is null)
        {
            throw new InvalidOperationException(NoLedgerMessage);
        }

        if (options.Value.Sending.HoldDeferred && deferredSends is null)
        {
            throw new InvalidOperationException(NoDeferredStoreMessage);
        }

        if (consent != ConsentRequirement.None && optIns is null)
        {
            throw new InvalidOperationException(OptIn.Internal.OptInService.NoStoreMessage);
        }

        if (exemption is DoNotCallExemption.EstablishedBusinessRelationship or DoNotCallExemption.PriorExpressInvitation
            && doNotCall is not null && optIns is null)
        {
            throw new InvalidOperationException(
                $"{requestName}.DoNotCallExemption {exemption} is checked for each recipient on the Do-Not-Call registry against the consent recorded for it (its basis and expiry), but the chosen storage keeps no opt-ins (IOptInStore). " +
                "Use the SQLite, PostgreSQL, Redis or in-memory storage, or record consents in an adapter that implements IOptInStore.");
        }
    }

    /// <summary>The message as the job's rules have it: the sender named where identification binds, the opt-out mechanism checked where it does.</summary>
    private async Task<MessageTemplate> ComposeAsync(SendJob job, CancellationToken cancellationToken)
    {
        var template = MessageTemplate.Parse(job.Template ?? throw new ArgumentException("The template is null.", nameof(job)));
        if (job.Rules.HasFlag(SendRules.SenderIdentification))
        {
            template = await IdentifySenderAsync(template, job, cancellationToken).ConfigureAwait(false);
        }

        if (job.Rules.HasFlag(SendRules.OptOutMechanism))
        {
            CheckOptOutMechanism(template, job);
        }

        return template;
    }

    /// <summary>Hands one message to the transport and records a provider opt-out through the one service.</summary>
    internal async Task<RecipientOutcome> DeliverAsync(ISmsTransport transport, AccountId account, ListId? list, CampaignId? campaign,
        PhoneNumber number, SenderAddress? from, string body, CancellationToken cancellationToken)
    {
        SmsSendResult result;
        try
        {
            result = await transport.SendAsync(new SmsMessage(number, body) { From = from, Account = account }, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a transport that throws is reported per recipient; we cannot know whether it sent
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = new SmsSendResult(SmsSendStatus.FailedUnknown) { ErrorMessage = $"the transport threw {e.GetType().Name}: {e.Message}" };
        }

        var status = result.Status switch
        {
            SmsSendStatus.Sent => RecipientStatus.Sent,
            SmsSendStatus.RecipientOptedOut => RecipientStatus.OptedOutAtProvider,
            SmsSendStatus.FailedUnknown => RecipientStatus.FailedUnknown,
            _ => RecipientStatus.Failed,
        };

        if (status == RecipientStatus.OptedOutAtProvider)
        {
            await optOut.OptOutAsync(new ConsentRequest(account, number, OptOutSource.ProviderError)
            {
                List = list,
                Campaign = campaign,
                Evidence = new ConsentEvidence
                {
                    ProviderErrorCode = result.ProviderErrorCode, ProviderName = result.ProviderName, ProviderMessageId = result.ProviderMessageId,
                    Note = result.ErrorMessage,
                },
            }, CancellationToken.None).ConfigureAwait(false);
        }

        metrics.RecipientHandled(status);
        return new RecipientOutcome(number.ToString(), status) { Number = number, ProviderMessageId = result.ProviderMessageId, Error = result.ErrorMessage };
    }

    internal ISuppressionStore Store => store;

    /// <summary>The registry a list send consults, or <see langword="null"/> when the storage has none.</summary>
    internal IDoNotCallRegistryStore? DoNotCall => doNotCall;

    internal OptIn.IOptInStore? OptIns => optIns;

    internal ISendLedger? SendLedger => sendLedger;

    internal IDeferredSendStore? DeferredSends => deferredSends;

    internal IOptOutLinkGenerator Links => links;

    internal SmsOptOutOptions Options => options.Value;

    internal TimeProvider Time => timeProvider;

    /// <summary>The quiet-hours rules list sends defer recipients by.</summary>
    internal QuietHours QuietHours => quietHours;

    internal SmsOptOutMetrics Metrics => metrics;

    private ISmsTransport RequireTransport() => transport ?? throw new InvalidOperationException(
        "No ISmsTransport is registered: call AddTwilio(...) or UseConsoleTransport() on the builder returned by AddSmsOptOut(), or register your own ISmsTransport.");

    private async Task<ListId?> SenderScopeAsync(AccountId account, SenderAddress? from, CancellationToken cancellationToken) =>
        from is { } sender && (await keywordOptions.GetOptionsAsync(account, cancellationToken).ConfigureAwait(false)).Scope == KeywordScope.SendingNumber
            ? SendingNumberScope.ListFor(sender)
            : (ListId?)null;

    /// <summary>The template as it names its sender: unchanged when it contains the name, else with the identification text appended.</summary>
    private async Task<MessageTemplate> IdentifySenderAsync(MessageTemplate template, SendJob request, CancellationToken cancellationToken)
    {
        var policy = options.Value.Sending.SenderIdentificationPolicy;
        if (policy == SenderIdentificationPolicy.Off)
        {
            return template;
        }

        // Under a profile whose law binds this purpose to identification, a message that cannot be identified is refused.
        var profiles = options.Value.Compliance.Profiles;
        if (Compliance.Internal.PurposeFloor.Of(profiles, request.Purpose).HasFlag(SendRules.SenderIdentification))
        {
            policy = SenderIdentificationPolicy.Enforce;
        }

        var identity = await senderIdentities.GetIdentityAsync(request.Account, cancellationToken).ConfigureAwait(false);
        var name = string.IsNullOrWhiteSpace(identity.Name) ? request.Account.Value : identity.Name;
        var contactRequired = Compliance.Internal.PurposeFloor.RequiresContact(profiles);
        if (template.Text.Contains(name, StringComparison.OrdinalIgnoreCase) && (!contactRequired || GivesContact(template.Text, identity)))
        {
            return template;
        }

        if (!string.IsNullOrWhiteSpace(identity.IdentificationText))
        {
            var literal = identity.IdentificationText.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
            return MessageTemplate.Parse(template.Text + "\n" + literal);
        }

        if (policy == SenderIdentificationPolicy.Enforce)
        {
            throw new SenderIdentificationRequiredException(name, contactRequired);
        }

        Log.SenderNotIdentified(logger, request.Account.Value, request.List?.Value ?? string.Empty, name);
        return template;
    }

    /// <summary>Whether <paramref name="text"/> gives the account's contact details: its help contact or its identification text.</summary>
    private static bool GivesContact(string text, SenderIdentity identity) =>
        (!string.IsNullOrWhiteSpace(identity.Contact) && text.Contains(identity.Contact, StringComparison.OrdinalIgnoreCase))
        || (!string.IsNullOrWhiteSpace(identity.IdentificationText) && text.Contains(identity.IdentificationText, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether <paramref name="text"/> tells how to opt out; the answer for the last text is kept, since single sends
    /// usually repeat one message and the pattern is matched by the interpreter.
    /// </summary>
    private bool HasOptOutInstruction(string text)
    {
        if (_lastInstruction is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Found;
        }

        var found = _instruction.IsMatch(text);
        _lastInstruction = new InstructionMatch(text, found);
        return found;
    }

    private void CheckOptOutMechanism(MessageTemplate template, SendJob request)
    {
        var policy = options.Value.Sending.OptOutPolicy;
        if (policy == OptOutPolicy.Off || template.HasOptOutLink || HasOptOutInstruction(template.RenderWithoutLink()))
        {
            return;
        }

        if (policy == OptOutPolicy.Enforce)
        {
            throw new OptOutMechanismRequiredException();
        }

        Log.NoOptOutMechanism(logger, request.Account.Value, request.List?.Value ?? string.Empty);
    }

    private sealed record InstructionMatch(string Text, bool Found);
}
