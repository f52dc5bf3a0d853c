using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Suppression;

/// <summary>
/// The argument checks of <see cref="ISuppressionStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class SuppressionStoreArguments
{
    /// <summary>Checks an event and its outbox messages before they are applied.</summary>
    /// <param name="consentEvent">The event.</param>
    /// <param name="outbox">The messages owed with it.</param>
    /// <exception cref="ArgumentException">The event is incomplete or inconsistent, or a message belongs to another account.</exception>
    public static void Validate(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        ArgumentNullException.ThrowIfNull(outbox);
        StoreArguments.ValidateAccount(consentEvent.Account);
        if (string.IsNullOrEmpty(consentEvent.EventId))
        {
            throw new ArgumentException("The consent event has no EventId; expected a unique, non-empty id.", nameof(consentEvent));
        }

        if (consentEvent.Number.IsEmpty)
        {
            throw new ArgumentException($"The consent event {consentEvent.EventId} has no phone number.", nameof(consentEvent));
        }

        if (!Enum.IsDefined(consentEvent.Kind) || !Enum.IsDefined(consentEvent.Source) || !Enum.IsDefined(consentEvent.Scope))
        {
            throw new ArgumentException($"The consent event {consentEvent.EventId} has an undefined kind, source or scope.", nameof(consentEvent));
        }

        if (consentEvent.Scope == SuppressionScope.List && consentEvent.List is null)
        {
            throw new ArgumentException($"The consent event {consentEvent.EventId} is list-scoped but names no list.", nameof(consentEvent));
        }

        ValidatePause(consentEvent);

        foreach (var message in outbox)
        {
            if (message is null || string.IsNullOrEmpty(message.Id) || message.Account != consentEvent.Account)
            {
                throw new ArgumentException(
                    $"Every outbox message of event {consentEvent.EventId} needs an id and the event's account ({consentEvent.Account}).",
                    nameof(outbox));
            }
        }
    }

    /// <summary>A pause is an account-wide opt-out that ends after it began; only an account-wide opt-in ends one.</summary>
    private static void ValidatePause(ConsentEvent consentEvent)
    {
        if (consentEvent.PausedUntil is { } until
            && (consentEvent.Kind != ConsentKind.OptOut || consentEvent.Scope != SuppressionScope.Account || until <= consentEvent.OccurredAt))
        {
            throw new ArgumentException(
                $"The consent event {consentEvent.EventId} has PausedUntil {until:O}; expected it only on an account-wide opt-out, later than OccurredAt ({consentEvent.OccurredAt:O}).",
                nameof(consentEvent));
        }

        if (consentEvent.Reverts is { } ends
            && (consentEvent.Kind != ConsentKind.OptIn || consentEvent.Scope != SuppressionScope.Account || ends.Length == 0))
        {
            throw new ArgumentException(
                $"The consent event {consentEvent.EventId} reverts '{ends}'; expected Reverts only on an account-wide opt-in, naming the event id of the opt-out it takes back.",
                nameof(consentEvent));
        }
    }

    /// <summary>Checks the arguments of a bulk filter.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">The result buffer.</param>
    /// <exception cref="ArgumentException">The account is default or the buffer is shorter than the batch.</exception>
    public static void ValidateFilter(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed)
    {
        StoreArguments.ValidateAccount(account);
        if (suppressed.Length < numbers.Length)
        {
            throw new ArgumentException(
                $"The result buffer holds {suppressed.Length} flags but the batch has {numbers.Length} numbers; expected at least as many flags as numbers.",
                nameof(suppressed));
        }
    }

    /// <summary>The most items one batch apply accepts.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>Checks a batch of consent writes before any is applied.</summary>
    /// <param name="writes">The batch.</param>
    /// <exception cref="ArgumentException">An item is invalid (see <see cref="Validate(ConsentEvent, IReadOnlyList{OutboxMessage})"/>) or the batch is larger than <see cref="MaxBatch"/>.</exception>
    public static void Validate(IReadOnlyList<Suppression.ConsentWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count > MaxBatch)
        {
            throw new ArgumentException($"A batch holds {writes.Count} consent events; expected at most {MaxBatch}.", nameof(writes));
        }

        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
            Validate(write.Event, write.Outbox);
        }
    }
}
