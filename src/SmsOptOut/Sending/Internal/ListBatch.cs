using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Links;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// One send (a list's, or a single message's as a batch of one), processed batch by batch: read and de-duplicate numbers,
/// check suppression at send time — and the registry, consent, calling hours and caps as the purpose's rules say —, issue
/// the batch's links in one call, send with bounded concurrency, report outcomes.
/// </summary>
internal sealed class ListBatch(SmsSender sender, SendJob request, MessageTemplate template, ISmsTransport transport, ListId? senderScope,
    IReadOnlyList<QuietHoursRule> quietHours)
{
    private readonly HashSet<ulong>? _seen = sender.Options.Sending.DeduplicateRecipients ? [] : null;
    private readonly SendPacer? _pacer = sender.Options.Sending.MessagesPerSecond is { } rate ? new SendPacer(rate, sender.Time) : null;
    private readonly string? _region = request.DefaultRegion ?? sender.Options.DefaultRegion;
    private readonly string? _fixedBody = template.HasOptOutLink ? null : template.RenderWithoutLink();
    private string? _heldMessage;
    private readonly FrequencyCaps? _caps = request.Rules.HasFlag(SendRules.FrequencyCaps) ? sender.FrequencyCapsOf(request) : null;
    private readonly DoNotCall.IDoNotCallRegistryStore? _registry =
        request.Rules.HasFlag(SendRules.DoNotCallRegistry) && request.DoNotCallExemption != DoNotCall.DoNotCallExemption.Transactional ? sender.DoNotCall : null;

    public RecipientCounters Counters { get; } = new();

    /// <summary>Processes one batch; false when cancellation stopped it before every message was started.</summary>
    public async Task<bool> ProcessAsync(List<string> inputs, CancellationToken cancellationToken)
    {
        using var activity = SmsOptOutActivities.Start(SmsOptOutActivities.SendBatch, request.Account);
        activity?.SetTag("smsoptout.list", request.List?.Value);
        activity?.SetTag("smsoptout.purpose", request.Purpose.ToString());
        activity?.SetTag("smsoptout.batch.size", inputs.Count);
        try
        {
            var (completed, outcomes) = await ProcessBatchAsync(inputs, cancellationToken).ConfigureAwait(false);
            if (activity is { IsAllDataRequested: true })
            {
                foreach (var group in outcomes.OfType<RecipientOutcome>().GroupBy(static o => o.Status))
                {
                    activity.SetTag("smsoptout.recipients." + TagValues.Recipient(group.Key), group.Count());
                }

                activity.SetTag("smsoptout.cancelled", !completed);
            }

            return completed;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task<(bool Completed, RecipientOutcome?[] Outcomes)> ProcessBatchAsync(List<string> inputs, CancellationToken cancellationToken)
    {
        var outcomes = new RecipientOutcome?[inputs.Count];
        var numbers = new List<(int Index, PhoneNumber Number)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? string.Empty;
            if (!PhoneNumber.TryParse(input, _region, out var number, out var error))
            {
                outcomes[i] = Report(new RecipientOutcome(input, RecipientStatus.Invalid) { Error = PhoneNumberErrorText.Describe(input, _region, error) });
            }
            else if (_seen is not null && !_seen.Add(number.Value))
            {
                outcomes[i] = Report(new RecipientOutcome(input, RecipientStatus.Duplicate) { Number = number });
            }
            else
            {
                numbers.Add((i, number));
            }
        }

        var sendable = await FilterSuppressedAsync(inputs, numbers, outcomes, cancellationToken).ConfigureAwait(false);
        if (request.Consent != ConsentRequirement.None)
        {
            sendable = await RequireConsentAsync(inputs, sendable, outcomes, cancellationToken).ConfigureAwait(false);
        }

        if (quietHours.Count > 0)
        {
            sendable = await DeferAsync(inputs, sendable, outcomes, cancellationToken).ConfigureAwait(false);
        }

        if (_caps is not null && sendable.Count > 0)
        {
            sendable = await ReserveAsync(inputs, sendable, outcomes, cancellationToken).ConfigureAwait(false);
        }

        var completed = await SendAsync(inputs, sendable, outcomes, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(outcomes, cancellationToken).ConfigureAwait(false);
        return (completed, outcomes);
    }

    private async Task<List<(int Index, PhoneNumber Number)>> FilterSuppressedAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> numbers,
        RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var batch = numbers.Select(n => n.Number).ToArray();
        var suppressed = new bool[batch.Length];
        var listed = new bool[batch.Length];

        await SendTimeFilter.FilterAsync(sender.Store, _registry, request.Account, request.List, senderScope, batch, suppressed, listed, cancellationToken).ConfigureAwait(false);

        var sendable = new List<(int Index, PhoneNumber Number)>(numbers.Count);
        List<(int Index, PhoneNumber Number)>? onRegistry = null;
        for (var i = 0; i < numbers.Count; i++)
        {
            var (index, number) = numbers[i];
            if (suppressed[i])
            {
                outcomes[index] = Report(new RecipientOutcome(inputs[index], RecipientStatus.Suppressed) { Number = number });
            }
            else if (listed[i])
            {
                (onRegistry ??= []).Add(numbers[i]);
            }
            else
            {
                sendable.Add(numbers[i]);
            }
        }

        if (onRegistry is not null)
        {
            await ExemptAsync(inputs, onRegistry, sendable, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return sendable;
    }

    /// <summary>
    /// Lets through the recipients on the Do-Not-Call registry whom the send's exemption covers, each on its own record: an
    /// unexpired established business relationship (a purchase or inquiry, ended by an opt-out) or an express opt-in; the
    /// rest are skipped as <see cref="RecipientStatus.DoNotCallRegistry"/> with the reason. Keeps <paramref name="sendable"/> in input order.
    /// </summary>
    private async Task ExemptAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> onRegistry, List<(int Index, PhoneNumber Number)> sendable,
        RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var exemption = request.DoNotCallExemption;
        var standings = new OptIn.OptInStanding[onRegistry.Count];
        if (exemption != DoNotCall.DoNotCallExemption.None)
        {
            await sender.OptIns!.GetStandingsAsync(request.Account, onRegistry.Select(s => s.Number).ToArray(), standings, cancellationToken).ConfigureAwait(false);
        }

        var now = sender.Time.GetUtcNow();
        var exempted = false;
        for (var i = 0; i < onRegistry.Count; i++)
        {
            var (index, number) = onRegistry[i];
            var reason = exemption switch
            {
                DoNotCall.DoNotCallExemption.None => null,
                DoNotCall.DoNotCallExemption.EstablishedBusinessRelationship => ConsentText.WhyNoRelationship(standings[i], now),
                _ => ConsentText.WhyNoExpressConsent(standings[i], now),
            };

            if (exemption != DoNotCall.DoNotCallExemption.None && reason is null)
            {
                sendable.Add(onRegistry[i]);
                exempted = true;
            }
            else
            {
                outcomes[index] = Report(new RecipientOutcome(inputs[index], RecipientStatus.DoNotCallRegistry) { Number = number, Error = reason });
            }
        }

        if (exempted)
        {
            sendable.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        }
    }

    private async Task<bool> SendAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> sendable, RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        if (sendable.Count == 0)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        IReadOnlyList<OptOutLink>? issued = null;
        if (template.HasOptOutLink)
        {
            issued = await sender.Links.CreateManyAsync(
                sendable.Select(s => new OptOutLinkTarget(request.Account, request.List!.Value, s.Number, request.Campaign)).ToArray(), cancellationToken).ConfigureAwait(false);
        }

        var started = 0;
        async ValueTask SendOneAsync(int position)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (_pacer is not null)
            {
                try
                {
                    await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            Interlocked.Increment(ref started);
            var (index, number) = sendable[position];
            var body = _fixedBody ?? template.Render(issued![position].Url);

            // Messages already handed over finish even when the send is cancelled: aborting one midway could send it without knowing.
            var outcome = await sender.DeliverAsync(transport, request.Account, request.List, request.Campaign, number, request.From, body, CancellationToken.None)
                .ConfigureAwait(false);
            outcomes[index] = Report(outcome with { Input = inputs[index] });
        }

        if (sendable.Count == 1)
        {
            // One message (every single send): sent on this thread, not handed to the thread pool for a loop of one.
            await SendOneAsync(0).ConfigureAwait(false);
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = sender.Options.Sending.MaxConcurrency };
            await Parallel.ForEachAsync(Enumerable.Range(0, sendable.Count), parallel, (position, _) => SendOneAsync(position)).ConfigureAwait(false);
        }

        return started == sendable.Count;
    }

    /// <summary>Skips the recipients without the opt-in level the list requires.</summary>
    private async Task<List<(int Index, PhoneNumber Number)>> RequireConsentAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> sendable,
        RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var standings = new OptIn.OptInStanding[sendable.Count];
        await sender.OptIns!.GetStandingsAsync(request.Account, sendable.Select(s => s.Number).ToArray(), standings, cancellationToken).ConfigureAwait(false);
        var now = sender.Time.GetUtcNow();
        var allowed = new List<(int Index, PhoneNumber Number)>(sendable.Count);
        for (var i = 0; i < sendable.Count; i++)
        {
            var (index, number) = sendable[i];
            if (ConsentText.WhyNotConsented(standings[i], request.Consent, now) is { } reason)
            {
                outcomes[index] = Report(new RecipientOutcome(inputs[index], RecipientStatus.NoConsent) { Number = number, Error = reason });
            }
            else
            {
                allowed.Add(sendable[i]);
            }
        }

        return allowed;
    }

    /// <summary>
    /// Counts one message for each recipient under every cap that binds it, across instances; those at a cap are
    /// skipped. Recipients are grouped by the caps that bind them (by state, by effective date): one reservation per group.
    /// </summary>
    private async Task<List<(int Index, PhoneNumber Number)>> ReserveAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> sendable,
        RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var now = sender.Time.GetUtcNow();
        var memo = new Dictionary<ulong, FrequencyCaps.Group?>();
        var groups = new Dictionary<FrequencyCaps.Group, List<int>>(ReferenceEqualityComparer.Instance);
        var allowed = new bool[sendable.Count];
        var capped = new FrequencyCaps.Group?[sendable.Count];

        // Without de-duplication a number may come twice in one batch: it is reserved once, and its repeats are capped.
        var repeats = _seen is null ? new HashSet<ulong>() : null;
        for (var i = 0; i < sendable.Count; i++)
        {
            var number = sendable[i].Number;
            if (_caps!.Of(number, now, memo) is not { } group)
            {
                allowed[i] = true;
            }
            else if (repeats is not null && !repeats.Add(number.Value))
            {
                capped[i] = group;
            }
            else
            {
                if (!groups.TryGetValue(group, out var members))
                {
                    groups[group] = members = [];
                }

                members.Add(i);
            }
        }

        foreach (var (group, members) in groups)
        {
            var reserved = new bool[members.Count];
            await sender.SendLedger!.TryReserveAsync(request.Account, members.Select(m => sendable[m].Number).ToArray(), group.Limits, now, reserved, cancellationToken)
                .ConfigureAwait(false);
            for (var k = 0; k < members.Count; k++)
            {
                allowed[members[k]] = reserved[k];
                capped[members[k]] = reserved[k] ? null : group;
            }
        }

        var sent = new List<(int Index, PhoneNumber Number)>(sendable.Count);
        for (var i = 0; i < sendable.Count; i++)
        {
            var (index, number) = sendable[i];
            if (allowed[i])
            {
                sent.Add(sendable[i]);
            }
            else
            {
                outcomes[index] = Report(new RecipientOutcome(inputs[index], RecipientStatus.FrequencyCapped) { Number = number, Error = $"{capped[i]!.Description} reached" });
            }
        }

        return sent;
    }

    /// <summary>Reports the recipients outside their allowed hours as deferred, with the earliest instant they may be messaged.</summary>
    private async Task<List<(int Index, PhoneNumber Number)>> DeferAsync(List<string> inputs, List<(int Index, PhoneNumber Number)> sendable, RecipientOutcome?[] outcomes,
        CancellationToken cancellationToken)
    {
        var now = sender.Time.GetUtcNow();
        var memo = new QuietHours.Batch(quietHours);
        var allowed = new List<(int Index, PhoneNumber Number)>(sendable.Count);
        var held = sender.Options.Sending.HoldDeferred ? new List<DeferredSend>() : null;
        foreach (var (index, number) in sendable)
        {
            if (sender.QuietHours.Defer(number, now, memo) is { } deferral)
            {
                held?.Add(new DeferredSend(Guid.NewGuid().ToString("N"), request.Account, number, deferral.NotBefore, _heldMessage ??= DeferredMessage.Of(request).ToJson()));
                outcomes[index] = Report(new RecipientOutcome(inputs[index], RecipientStatus.Deferred)
                {
                    Number = number, NotBefore = deferral.NotBefore, Held = held is not null,
                    Error = $"outside the hours {deferral.Rule} allows at the recipient's location" + (held is null ? string.Empty : "; held for the scheduler"),
                });
            }
            else
            {
                allowed.Add((index, number));
            }
        }

        if (held is { Count: > 0 })
        {
            await sender.DeferredSends!.AddAsync(held, cancellationToken).ConfigureAwait(false);
            Counters.AddHeld(held.Count);
        }

        return allowed;
    }

    private RecipientOutcome Report(RecipientOutcome outcome)
    {
        Counters.Add(outcome.Status);
        if (outcome.Status is RecipientStatus.Invalid or RecipientStatus.Duplicate or RecipientStatus.Suppressed or RecipientStatus.DoNotCallRegistry or RecipientStatus.Deferred
            or RecipientStatus.NoConsent or RecipientStatus.FrequencyCapped)
        {
            sender.Metrics.RecipientHandled(outcome.Status);
        }

        return outcome;
    }

    private async Task NotifyAsync(RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        if (request.OnRecipient is not { } callback)
        {
            return;
        }

        foreach (var outcome in outcomes)
        {
            if (outcome is not null)
            {
                await callback(outcome, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
