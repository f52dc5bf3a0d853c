using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage;

/// <summary>
/// Argument checks every storage adapter applies the same way, so each store refuses bad input with the same clear
/// error before touching any state. For storage adapter authors.
/// </summary>
public static class StoreArguments
{
    /// <summary>The largest page <c>ISuppressionStore.GetSuppressedAsync</c> accepts.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Checks an event and its outbox messages before they are applied.</summary>
    /// <param name="consentEvent">The event.</param>
    /// <param name="outbox">The messages owed with it.</param>
    /// <exception cref="ArgumentException">The event is incomplete or inconsistent, or a message belongs to another account.</exception>
    public static void Validate(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        ArgumentNullException.ThrowIfNull(outbox);
        ValidateAccount(consentEvent.Account);
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

    /// <summary>Checks that an account id is not <c>default</c>.</summary>
    /// <param name="account">The account.</param>
    /// <exception cref="ArgumentException">The account is <c>default(AccountId)</c>.</exception>
    public static void ValidateAccount(AccountId account)
    {
        if (account.Value is null)
        {
            throw new ArgumentException("The account id is default(AccountId); expected an id created from its text.", nameof(account));
        }
    }

    /// <summary>Checks the arguments of a bulk filter.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">The result buffer.</param>
    /// <exception cref="ArgumentException">The account is default or the buffer is shorter than the batch.</exception>
    public static void ValidateFilter(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed)
    {
        ValidateAccount(account);
        if (suppressed.Length < numbers.Length)
        {
            throw new ArgumentException(
                $"The result buffer holds {suppressed.Length} flags but the batch has {numbers.Length} numbers; expected at least as many flags as numbers.",
                nameof(suppressed));
        }
    }

    /// <summary>Checks the scope of a Do-Not-Call registry set: an account that is not <c>default</c>, or <see langword="null"/> for every account.</summary>
    /// <param name="account">The account, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The account is <c>default(AccountId)</c>.</exception>
    public static void ValidateRegistry(AccountId? account)
    {
        if (account is { } a)
        {
            ValidateAccount(a);
        }
    }

    /// <summary>Checks the arguments of a Do-Not-Call registry replacement.</summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="dataDate">The date of the data.</param>
    /// <param name="numbers">The numbers.</param>
    /// <exception cref="ArgumentException">The account is default or the date is not set.</exception>
    /// <exception cref="ArgumentNullException">The numbers are null.</exception>
    public static void ValidateRegistry(AccountId? account, DateOnly dataDate, object numbers)
    {
        ValidateRegistry(account);
        ArgumentNullException.ThrowIfNull(numbers);
        if (dataDate == default)
        {
            throw new ArgumentException("The registry's data date is not set; expected the date of the registry download.", nameof(dataDate));
        }
    }

    /// <summary>Checks the arguments of a page request.</summary>
    /// <param name="account">The account.</param>
    /// <param name="limit">The page size.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static void ValidatePage(AccountId account, int limit)
    {
        ValidateAccount(account);
        ValidateLimit(limit);
    }

    /// <summary>Checks the arguments of <see cref="Suppression.ISuppressionListing.ListSuppressedAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="after">The position to continue from.</param>
    /// <param name="limit">The page size.</param>
    /// <exception cref="ArgumentException">
    /// The account is default; the filter names an empty number, an undefined source or scope, a list with the
    /// account-wide scope, or a range of <c>Since</c> that holds no instant; or the cursor is not <c>Start</c> and lacks a number.
    /// </exception>
    /// <exception cref="ArgumentNullException">The filter is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static void ValidateListing(AccountId account, Suppression.SuppressionFilter filter, Suppression.SuppressionListCursor after, int limit)
    {
        ValidatePage(account, limit);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Number is { IsEmpty: true })
        {
            throw new ArgumentException("The filter's number is empty; expected a parsed, non-empty PhoneNumber.", nameof(filter));
        }

        if ((filter.Source is { } source && !Enum.IsDefined(source)) || (filter.Scope is { } scope && !Enum.IsDefined(scope)))
        {
            throw new ArgumentException("The filter names an undefined source or scope.", nameof(filter));
        }

        if (filter.List is { } list && (list.Value is null || filter.Scope == SuppressionScope.Account))
        {
            throw new ArgumentException("The filter names a list and the account-wide scope: a list's suppressions are list-scoped.", nameof(filter));
        }

        if (filter.SinceFrom is { } from && filter.SinceBefore is { } before && before <= from)
        {
            throw new ArgumentException($"The filter's range of Since, from {from:O} to before {before:O}, holds no instant.", nameof(filter));
        }

        if (!after.IsStart && after.Number.IsEmpty)
        {
            throw new ArgumentException("The cursor has no number; expected Start or an entry's ListingCursor.", nameof(after));
        }
    }

    /// <summary>Checks a per-call limit.</summary>
    /// <param name="limit">The limit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected a limit from 1 to {MaxPageSize}.");
        }
    }

    /// <summary>Checks the arguments of an erasure.</summary>
    /// <param name="number">The number.</param>
    /// <param name="pseudonym">Its pseudonym.</param>
    /// <param name="record">The audit record.</param>
    /// <exception cref="ArgumentException">The pseudonym lacks its top bit, or the record's account is default.</exception>
    public static void ValidateErasure(PhoneNumber number, Privacy.NumberPseudonym pseudonym, Privacy.ErasureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ValidateAccount(record.Account);
        if (number.Value == 0 || (pseudonym.Value & (1UL << 63)) == 0)
        {
            throw new ArgumentException("Expected a number and a pseudonym made by NumberPseudonyms (top bit set).", nameof(pseudonym));
        }
    }

    /// <summary>Checks a data-subject request before it is added: a reference, defined kind and law, a due date not before receipt, open and not extended.</summary>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentException">It is not a new, well-formed request.</exception>
    public static void ValidateRequest(Privacy.DataSubjectRequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequestReference(request.Reference);
        if (!Enum.IsDefined(request.Kind) || !Enum.IsDefined(request.Law) || request.DueAt < request.ReceivedAt || request.Account is { Value: null })
        {
            throw new ArgumentException($"Request '{request.Reference}' has an undefined kind or law, a default account, or a due date before its receipt.", nameof(request));
        }

        if (!request.IsOpen || request.ExtendedDueAt is not null || request.ExtensionReason is not null || request.Resolution is not null)
        {
            throw new ArgumentException($"Request '{request.Reference}' is added open and unextended; it changes through ExtendRequestAsync and CloseRequestAsync.", nameof(request));
        }
    }

    /// <summary>Checks a request's reference.</summary>
    /// <param name="reference">The reference.</param>
    /// <exception cref="ArgumentException">It is null or empty.</exception>
    public static void ValidateRequestReference(string reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            throw new ArgumentException("Expected a request reference; got an empty one.", nameof(reference));
        }
    }

    /// <summary>Checks an extension or a closing of a request: a reference and a text.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="text">The extension's reason or the resolution.</param>
    /// <exception cref="ArgumentException">Either is null or empty.</exception>
    public static void ValidateRequestChange(string reference, string text)
    {
        ValidateRequestReference(reference);
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException($"Expected the reason or resolution of request '{reference}'; got an empty one.", nameof(text));
        }
    }

    /// <summary>The longest stored-mode token a store must accept.</summary>
    public const int MaxStoredTokenLength = 32;

    /// <summary>Checks a batch of stored link tokens before they are added.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <exception cref="ArgumentException">A token is empty, too long or not base62, or its target lacks an account, list or number.</exception>
    public static void Validate(IReadOnlyList<StoredLinkToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var token in tokens)
        {
            if (token is null || string.IsNullOrEmpty(token.Token) || token.Token.Length > MaxStoredTokenLength
                || !Links.Internal.Base62.IsBase62(token.Token))
            {
                throw new ArgumentException(
                    $"Every stored link token must be 1 to {MaxStoredTokenLength} base62 characters; got '{token?.Token}'.", nameof(tokens));
            }

            ValidateAccount(token.Target.Account);
            if (token.Target.List.Value is null || token.Target.Number.IsEmpty)
            {
                throw new ArgumentException($"The stored link token '{token.Token}' needs a list and a number in its target.", nameof(tokens));
            }
        }
    }

    /// <summary>Checks a report cursor write.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cursor">The cursor.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentNullException">The cursor is null.</exception>
    public static void ValidateCursor(AccountId account, ReportCursor cursor)
    {
        ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(cursor);
    }

    /// <summary>Checks a report claim.</summary>
    /// <param name="account">The account.</param>
    /// <param name="owner">The claiming owner.</param>
    /// <param name="lease">The lease.</param>
    /// <exception cref="ArgumentException">The account is default or the owner empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive.</exception>
    public static void ValidateClaim(AccountId account, string owner, TimeSpan lease)
    {
        ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
    }

    /// <summary>Checks the arguments of a reply-ledger call.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number to be answered.</param>
    /// <param name="quietPeriod">The quiet period.</param>
    /// <exception cref="ArgumentException">The account is default or the number empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The quiet period is negative.</exception>
    public static void ValidateReply(AccountId account, PhoneNumber number, TimeSpan quietPeriod)
    {
        ValidateAccount(account);
        if (number.IsEmpty)
        {
            throw new ArgumentException("The number to be answered is empty.", nameof(number));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(quietPeriod, TimeSpan.Zero);
    }

    /// <summary>Checks the account and number of a store call about one number.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <exception cref="ArgumentException">The account is default or the number empty.</exception>
    public static void ValidateNumber(AccountId account, PhoneNumber number)
    {
        ValidateAccount(account);
        if (number.IsEmpty)
        {
            throw new ArgumentException("The number is empty; expected a parsed, non-empty PhoneNumber.", nameof(number));
        }
    }

    /// <summary>Checks messages to hold (<see cref="Sending.IDeferredSendStore.AddAsync"/>).</summary>
    /// <param name="sends">The messages.</param>
    /// <exception cref="ArgumentException">A message lacks its id (1 to 64 characters), account, number or message, or an id comes twice.</exception>
    public static void Validate(IReadOnlyList<Sending.DeferredSend> sends)
    {
        ArgumentNullException.ThrowIfNull(sends);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var send in sends)
        {
            if (send is null || string.IsNullOrEmpty(send.Id) || send.Id.Length > 64 || !ids.Add(send.Id))
            {
                throw new ArgumentException("Each held message needs an id of 1 to 64 characters, unique in the batch.", nameof(sends));
            }

            ValidateNumber(send.Account, send.Number);
            if (string.IsNullOrEmpty(send.Message))
            {
                throw new ArgumentException($"The held message {send.Id} has no message.", nameof(sends));
            }
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.SaveRequestAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="request">The request.</param>
    /// <param name="resendAfter">The resend interval.</param>
    /// <exception cref="ArgumentException">The account is default, the number empty, or the request expires before it was made.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resend interval is negative.</exception>
    public static void ValidateOptInRequest(AccountId account, PhoneNumber number, OptIn.OptInConfirmationRequest request, TimeSpan resendAfter)
    {
        ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Evidence);
        if (request.ExpiresAt <= request.RequestedAt)
        {
            throw new ArgumentException($"The opt-in request expires at {request.ExpiresAt:O}, not after it was made ({request.RequestedAt:O}).", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resendAfter, TimeSpan.Zero);
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.RecordOptInAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="grant">The opt-in.</param>
    /// <exception cref="ArgumentException">The account is default, the number empty, the basis unknown, an express grant expires, or the expiry is not after the grant.</exception>
    public static void ValidateOptInGrant(AccountId account, PhoneNumber number, OptIn.OptInGrant grant)
    {
        ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(grant.Evidence);
        if (!Enum.IsDefined(grant.Basis))
        {
            throw new ArgumentException($"The opt-in's basis {(int)grant.Basis} is not a ConsentBasis; expected Express, Purchase, Inquiry, Membership, ConspicuousPublication or Disclosure.", nameof(grant));
        }

        if (grant.ExpiresAt is { } expires && (grant.Basis == OptIn.ConsentBasis.Express || expires <= grant.At))
        {
            throw new ArgumentException(grant.Basis == OptIn.ConsentBasis.Express
                ? "An express opt-in does not expire; expected ExpiresAt null."
                : $"The opt-in expires at {expires:O}, not after its date {grant.At:O}.", nameof(grant));
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.GetExpiringAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="after">The start of the window.</param>
    /// <param name="until">The end of the window.</param>
    /// <exception cref="ArgumentException">The account is default or the window ends before it starts.</exception>
    public static void ValidateExpiringWindow(AccountId account, DateTimeOffset after, DateTimeOffset until)
    {
        ValidateAccount(account);
        if (until < after)
        {
            throw new ArgumentException($"The window ends at {until:O}, before it starts ({after:O}).", nameof(until));
        }
    }

    /// <summary>Checks the arguments of <see cref="OptIn.IOptInStore.GetStandingsAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="standings">The output.</param>
    /// <exception cref="ArgumentException">The account is default, a number empty, or the output shorter than the batch.</exception>
    public static void ValidateStandings(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptIn.OptInStanding> standings)
    {
        ValidateAccount(account);
        if (standings.Length < numbers.Length)
        {
            throw new ArgumentException($"The standings buffer holds {standings.Length} entries; expected at least {numbers.Length}, one per number.", nameof(standings));
        }

        foreach (var number in numbers.Span)
        {
            if (number.IsEmpty)
            {
                throw new ArgumentException("The batch holds an empty number; expected parsed, non-empty PhoneNumbers.", nameof(numbers));
            }
        }
    }

    /// <summary>The longest window a send limit may count over.</summary>
    public static readonly TimeSpan MaxSendWindow = TimeSpan.FromDays(31);

    /// <summary>Checks the arguments of <see cref="Sending.ISendLedger.TryReserveAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The recipients.</param>
    /// <param name="limits">The counters.</param>
    /// <param name="reserved">The output.</param>
    /// <exception cref="ArgumentException">The account is default, a number empty or repeated, a counter unnamed or repeated, or the output shorter than the batch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit's messages are outside 1 to 1,000 or its window outside (0, <see cref="MaxSendWindow"/>].</exception>
    public static void ValidateReserve(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<Sending.SendLimit> limits, Memory<bool> reserved)
    {
        ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(limits);
        if (reserved.Length < numbers.Length)
        {
            throw new ArgumentException($"The reserved buffer holds {reserved.Length} flags; expected at least {numbers.Length}, one per number.", nameof(reserved));
        }

        if (limits.Count == 0 || (limits.Count > 1 && limits.Select(l => l?.Counter).Distinct(StringComparer.Ordinal).Count() != limits.Count))
        {
            throw new ArgumentException("Expected at least one limit, each counter named once.", nameof(limits));
        }

        foreach (var limit in limits)
        {
            if (string.IsNullOrEmpty(limit?.Counter) || limit.Counter.Length > 300)
            {
                throw new ArgumentException("A limit's counter must be 1 to 300 characters.", nameof(limits));
            }

            if (limit.Messages is < 1 or > 1_000)
            {
                throw new ArgumentOutOfRangeException(nameof(limits), limit.Messages, $"The limit '{limit.Counter}' allows {limit.Messages} messages; expected 1 to 1,000.");
            }

            if (limit.Window <= TimeSpan.Zero || limit.Window > MaxSendWindow)
            {
                throw new ArgumentOutOfRangeException(nameof(limits), limit.Window, $"The limit '{limit.Counter}' counts over {limit.Window}; expected more than zero and at most {MaxSendWindow.TotalDays} days.");
            }
        }

        // A batch of one (a single send) needs no set to be distinct.
        var seen = numbers.Length > 1 ? new HashSet<ulong>(numbers.Length) : null;
        foreach (var number in numbers.Span)
        {
            if (number.IsEmpty || (seen is not null && !seen.Add(number.Value)))
            {
                throw new ArgumentException($"The batch holds {(number.IsEmpty ? "an empty number" : "a number twice")}; expected distinct, non-empty numbers.", nameof(numbers));
            }
        }
    }

    /// <summary>The longest range of days a statistics query may cover.</summary>
    public const int MaxStatisticsDays = 366;

    /// <summary>Checks the arguments of <see cref="Reports.IConsentStatisticsStore.CountByDayAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first day.</param>
    /// <param name="through">The last day.</param>
    /// <exception cref="ArgumentException">The account is default, or the range is reversed or longer than <see cref="MaxStatisticsDays"/> days.</exception>
    public static void ValidateDays(AccountId account, DateOnly from, DateOnly through)
    {
        ValidateAccount(account);
        if (through < from || through.DayNumber - from.DayNumber >= MaxStatisticsDays)
        {
            throw new ArgumentException($"The days {from:yyyy-MM-dd} through {through:yyyy-MM-dd} are not a range of 1 to {MaxStatisticsDays} days.", nameof(through));
        }
    }

    /// <summary>The most recent attempts one call may return.</summary>
    public const int MaxRecentAttempts = 500;

    /// <summary>Checks the arguments of <see cref="Webhooks.IWebhookDeliveryHistory.GetRecentAttemptsAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="limit">The most messages to return.</param>
    /// <exception cref="ArgumentException">The account is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="MaxRecentAttempts"/>.</exception>
    public static void ValidateRecent(AccountId account, int limit)
    {
        ValidateAccount(account);
        if (limit is < 1 or > MaxRecentAttempts)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected a limit from 1 to {MaxRecentAttempts}.");
        }
    }

    /// <summary>The most messages one claim may take.</summary>
    public const int MaxClaim = 1_000;

    /// <summary>Checks the arguments of an outbox claim.</summary>
    /// <param name="owner">The claiming dispatcher.</param>
    /// <param name="lease">The lease duration.</param>
    /// <param name="limit">The most messages to claim.</param>
    /// <exception cref="ArgumentException">The owner is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive or the limit is outside 1 to <see cref="MaxClaim"/>.</exception>
    public static void ValidateClaim(string owner, TimeSpan lease, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (limit is < 1 or > MaxClaim)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected 1 to {MaxClaim} messages per claim.");
        }
    }

    /// <summary>Checks a delivery attempt before it is recorded.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <exception cref="ArgumentException">The attempt names no message or owner, has fewer than one attempt, or goes back to no state.</exception>
    public static void Validate(OutboxAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (string.IsNullOrEmpty(attempt.MessageId) || string.IsNullOrEmpty(attempt.LeaseOwner) || attempt.Attempts < 1 || !Enum.IsDefined(attempt.State))
        {
            throw new ArgumentException("An outbox attempt needs a message id, its lease owner, a state and at least one attempt.", nameof(attempt));
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

    /// <summary>The longest one-time value key <see cref="Providers.IWebhookReplayGuard"/> accepts.</summary>
    public const int MaxReplayKeyLength = 512;

    /// <summary>Checks a one-time value before a replay guard records it.</summary>
    /// <param name="key">The provider and its one-time value.</param>
    /// <exception cref="ArgumentException">The key is empty, longer than <see cref="MaxReplayKeyLength"/>, or holds a control character or a lone surrogate (no header carries them, and not every store can keep them).</exception>
    public static void ValidateReplayKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxReplayKeyLength)
        {
            throw new ArgumentException($"The one-time value key is {key.Length} characters long; expected at most {MaxReplayKeyLength}.", nameof(key));
        }

        for (var i = 0; i < key.Length; i++)
        {
            var lone = char.IsHighSurrogate(key[i]) ? i + 1 == key.Length || !char.IsLowSurrogate(key[i + 1])
                : char.IsLowSurrogate(key[i]) && (i == 0 || !char.IsHighSurrogate(key[i - 1]));
            if (char.IsControl(key[i]) || lone)
            {
                throw new ArgumentException($"The one-time value key holds the character U+{(int)key[i]:X4} at {i}; expected printable text.", nameof(key));
            }
        }
    }

    /// <summary>The longest reconciliation checkpoint a store keeps.</summary>
    public const int MaxCheckpointLength = 4_096;

    /// <summary>Checks the account and provider of a reconciliation checkpoint.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name: 1 to 64 lower-case letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    /// <exception cref="ArgumentException">The account is default or the provider's name is not one.</exception>
    public static void ValidateCheckpointKey(AccountId account, string provider)
    {
        ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (provider.Length > 64 || provider.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"The provider name '{(provider.Length > 64 ? provider[..64] + "…" : provider)}' is not 1 to 64 lower-case letters, digits, '-', '_' or '.'.", nameof(provider));
        }
    }

    /// <summary>Checks a reconciliation checkpoint before it is saved.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name.</param>
    /// <param name="checkpoint">The checkpoint text.</param>
    /// <exception cref="ArgumentException">See <see cref="ValidateCheckpointKey"/>; or the checkpoint is empty or longer than <see cref="MaxCheckpointLength"/>.</exception>
    public static void ValidateCheckpoint(AccountId account, string provider, string checkpoint)
    {
        ValidateCheckpointKey(account, provider);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint);
        if (checkpoint.Length > MaxCheckpointLength)
        {
            throw new ArgumentException($"The checkpoint is {checkpoint.Length} characters long; expected at most {MaxCheckpointLength}.", nameof(checkpoint));
        }
    }
}
