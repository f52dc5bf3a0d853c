using Microsoft.Extensions.Logging;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Consent.Internal;

/// <summary>The one path for consent changes (see <see cref="IOptOutService"/>).</summary>
internal sealed class OptOutService(
    ISuppressionStore store,
    IEnumerable<IOutboxContributor> outboxContributors,
    IEnumerable<IConsentEventObserver> observers,
    TimeProvider timeProvider,
    SmsOptOutMetrics metrics,
    ILogger<OptOutService> logger,
    IEnumerable<ISuppressionPauses>? pauses = null) : IOptOutService
{
    private readonly bool _keepsPauses = pauses?.Any() ?? false;

    private readonly IOutboxContributor[] _outboxContributors = outboxContributors.ToArray();
    private readonly IConsentEventObserver[] _observers = observers.ToArray();

    public Task<ConsentResult> OptOutAsync(ConsentRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(request, ConsentKind.OptOut, cancellationToken);

    public Task<ConsentResult> OptInAsync(ConsentRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(request, ConsentKind.OptIn, cancellationToken);

    public async Task<IReadOnlyList<ConsentResult>> OptOutManyAsync(IReadOnlyList<ConsentRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var writes = new List<ConsentWrite>(requests.Count);
        foreach (var request in requests)
        {
            var consentEvent = CreateEvent(request, ConsentKind.OptOut);
            writes.Add(new ConsentWrite(consentEvent, await CollectOutboxAsync(consentEvent, cancellationToken).ConfigureAwait(false)));
        }

        using var activity = writes.Count == 0 ? null : SmsOptOutActivities.Start(SmsOptOutActivities.ConsentBatch, writes[0].Event.Account);
        activity?.SetTag(SmsOptOutActivities.KindTag, TagValues.Kind(ConsentKind.OptOut));
        activity?.SetTag("smsoptout.batch.size", writes.Count);
        try
        {
            var statuses = await store.ApplyBatchAsync(writes, cancellationToken).ConfigureAwait(false);
            var results = new ConsentResult[writes.Count];
            var applied = new List<ConsentEvent>(writes.Count);
            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = Record(writes[i].Event, statuses[i]);
                if (statuses[i] == ConsentApplyStatus.Applied)
                {
                    applied.Add(writes[i].Event);
                }
            }

            await NotifyObserversAsync(applied, cancellationToken).ConfigureAwait(false);

            activity?.SetTag("smsoptout.batch.applied", results.Count(static r => r.Changed));
            return results;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    /// <summary>
    /// Ends a pause whose time has run out: an account-wide opt-in from the pause's channel that lifts that pause alone,
    /// and only while it is still the number's suppression. Its id derives from the pause's, so two sweepers ending the
    /// same pause record it once.
    /// </summary>
    public Task<ConsentResult> EndPauseAsync(AccountId account, SuppressedNumber pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pause);
        if (pause.PausedUntil is not { } until || pause.List is not null)
        {
            throw new ArgumentException($"The suppression of event {pause.EventId} is not an account-wide pause.", nameof(pause));
        }

        return ApplyAsync(CreateEvent(new ConsentRequest(account, pause.Number, pause.Source)
        {
            OccurredAt = until,
            IdempotencyKey = "pause-end:" + pause.EventId,
            Evidence = new ConsentEvidence { Note = $"the pause of event {pause.EventId} ended" },
            Reverts = pause.EventId,
        }, ConsentKind.OptIn), cancellationToken);
    }

    private Task<ConsentResult> HandleAsync(ConsentRequest request, ConsentKind kind, CancellationToken cancellationToken) =>
        ApplyAsync(CreateEvent(request, kind), cancellationToken);

    private async Task<ConsentResult> ApplyAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        var kind = consentEvent.Kind;
        using var activity = SmsOptOutActivities.Start(SmsOptOutActivities.Consent, consentEvent.Account).WithNumber(consentEvent.Number);
        activity?.SetTag(SmsOptOutActivities.KindTag, TagValues.Kind(kind));
        activity?.SetTag(SmsOptOutActivities.SourceTag, TagValues.Source(consentEvent.Source));
        try
        {
            var outbox = await CollectOutboxAsync(consentEvent, cancellationToken).ConfigureAwait(false);
            var status = await store.ApplyAsync(consentEvent, outbox, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(SmsOptOutActivities.OutcomeTag, TagValues.Status(status));
            return await CompleteAsync(consentEvent, status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task<ConsentResult> CompleteAsync(ConsentEvent consentEvent, ConsentApplyStatus status, CancellationToken cancellationToken)
    {
        var result = Record(consentEvent, status);
        if (status == ConsentApplyStatus.Applied)
        {
            await NotifyObserversAsync([consentEvent], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Counts and logs a handled event.</summary>
    private ConsentResult Record(ConsentEvent consentEvent, ConsentApplyStatus status)
    {
        var kind = consentEvent.Kind;
        metrics.ConsentHandled(kind, consentEvent.Source, status);
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.ConsentHandled(logger, kind.ToString(), consentEvent.Number.ToMaskedString(), consentEvent.Account.Value,
                consentEvent.Source.ToString(), status.ToString());
        }

        return new ConsentResult(status, consentEvent);
    }

    private ConsentEvent CreateEvent(ConsentRequest request, ConsentKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Account.Value is null)
        {
            throw new ArgumentException("The request has no account; expected a non-default AccountId.", nameof(request));
        }

        if (request.Number.IsEmpty)
        {
            throw new ArgumentException("The request has no phone number; expected a parsed, non-empty PhoneNumber.", nameof(request));
        }

        if (!Enum.IsDefined(request.Source))
        {
            throw new ArgumentException($"The source {(int)request.Source} is not an OptOutSource value.", nameof(request));
        }

        if (request.Scope == SuppressionScope.List && request.List is null)
        {
            throw new ArgumentException("The request is list-scoped but names no list; set ConsentRequest.List or use SuppressionScope.Account.", nameof(request));
        }

        if (!Enum.IsDefined(request.Scope))
        {
            throw new ArgumentException($"The scope {(int)request.Scope} is not a SuppressionScope value.", nameof(request));
        }

        var now = timeProvider.GetUtcNow();
        ValidatePause(request, kind, request.OccurredAt ?? now);
        return new ConsentEvent
        {
            EventId = request.IdempotencyKey is null ? EventIds.New(now) : EventIds.FromIdempotencyKey(request.IdempotencyKey),
            Account = request.Account,
            Number = request.Number,
            Kind = kind,
            Source = request.Source,
            Scope = request.Scope,
            OccurredAt = request.OccurredAt ?? now,
            RecordedAt = now,
            List = request.List,
            Campaign = request.Campaign,
            Evidence = request.Evidence ?? ConsentEvidence.None,
            PausedUntil = request.PausedUntil,
            Reverts = request.Reverts,
        };
    }

    private void ValidatePause(ConsentRequest request, ConsentKind kind, DateTimeOffset occurredAt)
    {
        if (request.Reverts is { } reverts && (kind != ConsentKind.OptIn || request.Scope != SuppressionScope.Account || string.IsNullOrWhiteSpace(reverts)))
        {
            throw new ArgumentException("Reverts is set on a request that is not an account-wide opt-in; it names the account-wide opt-out an opt-in takes back.", nameof(request));
        }

        if (request.Reverts is not null && !_keepsPauses)
        {
            throw new NotSupportedException("The storage cannot revert one opt-out alone (StorageCapabilities.Pauses); record an opt-in without Reverts, which lifts every suppression of the number.");
        }

        if (request.PausedUntil is not { } until)
        {
            return;
        }

        if (kind != ConsentKind.OptOut || request.Scope != SuppressionScope.Account)
        {
            throw new ArgumentException("PausedUntil is set on a request that is not an account-wide opt-out; a pause stops every message of the account.", nameof(request));
        }

        if (until <= occurredAt)
        {
            throw new ArgumentException($"PausedUntil {until:O} is not later than the time the person acted ({occurredAt:O}); expected a pause that ends in the future.", nameof(request));
        }

        if (!_keepsPauses)
        {
            throw new NotSupportedException("The storage keeps no pauses (StorageCapabilities.Pauses); record an opt-out without PausedUntil, or use the SQLite, PostgreSQL, Redis or in-memory storage.");
        }
    }

    private async ValueTask<IReadOnlyList<OutboxMessage>> CollectOutboxAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        if (_outboxContributors.Length == 0)
        {
            return [];
        }

        var messages = new List<OutboxMessage>();
        foreach (var contributor in _outboxContributors)
        {
            messages.AddRange(await contributor.CreateAsync(consentEvent, cancellationToken).ConfigureAwait(false));
        }

        return messages;
    }

    /// <summary>
    /// Tells every observer, in registration order, of the applied <paramref name="events"/>: a batch observer once for
    /// all of them, any other once per event. A failing observer is logged and the others still run.
    /// </summary>
    private async Task NotifyObserversAsync(List<ConsentEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            if (observer is IConsentBatchObserver batch && events.Count > 1)
            {
                await NotifyAsync(observer, $"{events[0].EventId} (and {events.Count - 1} more of its batch)",
                    () => batch.OnConsentRecordedManyAsync(events, cancellationToken), cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var consentEvent in events)
            {
                await NotifyAsync(observer, consentEvent.EventId, () => observer.OnConsentRecordedAsync(consentEvent, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task NotifyAsync(IConsentEventObserver observer, string eventId, Func<ValueTask> notify, CancellationToken cancellationToken)
    {
        try
        {
            await notify().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an observer must not undo or hide a recorded opt-out
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(logger, e, observer.GetType().Name, eventId);
        }
    }
}
