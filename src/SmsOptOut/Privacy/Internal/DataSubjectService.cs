using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Privacy.Internal;

/// <summary>Erasure that keeps the suppression, the access report, and the audit trail, over the storage's <see cref="IDataSubjectStore"/>.</summary>
internal sealed class DataSubjectService(IDataSubjectStore store, ISuppressionStore suppression, NumberPseudonyms pseudonyms, TimeProvider time,
    ILogger<DataSubjectService> logger, OptIn.IOptInStore? optIns = null, Sending.IDeferredSendStore? heldMessages = null,
    Evidence.IConsentEvidence? evidence = null, Evidence.IConsentLogStore? consentLog = null) : IDataSubjectService
{
    public const int MaxRequestIdLength = 200;
    public const int MaxReasonLength = 500;

    public async Task<ErasureResult> EraseAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var pseudonym = pseudonyms.Create(request.Number);
        var accounts = request.Account is { } one ? [one] : await FindAccountsAsync(request.Number, cancellationToken).ConfigureAwait(false);
        var records = new List<ErasureRecord>();
        foreach (var account in accounts)
        {
            using var activity = SmsOptOutActivities.Start(SmsOptOutActivities.Erasure, account);
            // At whole milliseconds: what the record's leaf in the consent log holds, and every store keeps exactly.
            var kept = await store.EraseAsync(request.Number, pseudonym, new ErasureRecord(account, request.RequestId, request.Reason, Storage.WholeMilliseconds.Of(time.GetUtcNow())), cancellationToken)
                .ConfigureAwait(false);
            // The opt-in record (with its sign-up evidence) goes too; a repeated erasure finds it again if this step failed.
            var revoked = optIns is not null && await optIns.RevokeAsync(account, request.Number, cancellationToken).ConfigureAwait(false);
            var held = heldMessages is null ? 0 : await heldMessages.DeleteAsync(account, request.Number, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("smsoptout.erasure.events", kept.Events);
            activity?.SetTag("smsoptout.erasure.suppressions", kept.Suppressions);
            if (revoked || held > 0 || kept.Events + kept.Suppressions + kept.Tokens + kept.Webhooks + kept.Replies > 0)
            {
                Log.Erased(logger, account.Value, request.RequestId, kept.Events, kept.Suppressions, kept.Tokens, kept.Webhooks, kept.Replies);
                records.Add(kept);
            }
        }

        await CloseErasureRequestAsync(request, records.Count > 0, cancellationToken).ConfigureAwait(false);
        return new ErasureResult(records);
    }

    /// <summary>Closes the open erasure request the erasure answers, if its reference names one this erasure covers.</summary>
    private async Task CloseErasureRequestAsync(ErasureRequest request, bool found, CancellationToken cancellationToken)
    {
        if (await store.GetRequestAsync(request.RequestId, cancellationToken).ConfigureAwait(false) is not { IsOpen: true, Kind: DataSubjectRequestKind.Erasure } open
            || (open.Account is null ? request.Account is not null : request.Account is { } account && account != open.Account))
        {
            return;
        }

        var resolution = found ? "erased" : "erased: nothing was held";
        if (await store.CloseRequestAsync(open.Reference, time.GetUtcNow(), resolution, cancellationToken).ConfigureAwait(false))
        {
            Log.RequestClosed(logger, open.Reference, open.Kind.ToString(), open.Law.ToString(), resolution);
        }
    }

    public async Task WriteAccessReportAsync(AccountId account, PhoneNumber number, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await AccessReportWriter.WriteAsync(destination, account, number, time.GetUtcNow(),
            await store.GetSuppressionsAsync(account, number, cancellationToken).ConfigureAwait(false),
            suppression.GetHistoryAsync(account, number, cancellationToken),
            await store.GetWebhooksAsync(account, number, cancellationToken).ConfigureAwait(false),
            await store.GetTokensAsync(account, number, cancellationToken).ConfigureAwait(false),
            optIns is null ? null : await optIns.GetAsync(account, number, cancellationToken).ConfigureAwait(false),
            AccessCertificates.For(evidence, consentLog),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        IEnumerable<AccountId> accounts = await store.FindAccountsAsync(number, cancellationToken).ConfigureAwait(false);
        if (optIns is not null)
        {
            accounts = accounts.Union(await optIns.FindAccountsAsync(number, cancellationToken).ConfigureAwait(false));
        }

        if (heldMessages is not null)
        {
            accounts = accounts.Union(await heldMessages.FindAccountsAsync(number, cancellationToken).ConfigureAwait(false));
        }

        return [.. accounts];
    }

    public async Task<DataSubjectRequestRecord> RecordRequestAsync(DataSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AuditText.Check(request.Reference, "request", nameof(DataSubjectRequest.Reference), 1, MaxRequestIdLength);
        if (request.Number is { } number)
        {
            AuditText.RefuseNumber(number, "request", "the person's number", "the request's record", (request.Reference, nameof(DataSubjectRequest.Reference)));
        }

        if (!Enum.IsDefined(request.Kind))
        {
            throw AuditText.Refuse(nameof(DataSubjectRequest.Kind), $"The request's Kind {(int)request.Kind} is not defined; expected Access, Erasure or Objection.");
        }

        if (!Enum.IsDefined(request.Law))
        {
            throw AuditText.Refuse(nameof(DataSubjectRequest.Law), $"The request's Law {(int)request.Law} is not defined; expected Gdpr, UkGdpr, Ccpa, Pipeda or Quebec.");
        }

        var rule = RequestDeadlines.For(request.Law);
        if (request.Kind == DataSubjectRequestKind.Objection && !rule.CoversObjection)
        {
            throw AuditText.Refuse(nameof(DataSubjectRequest.Kind), $"An objection is recorded under the GDPR or the UK GDPR, whose Art. 12(3) deadline covers it; no deadline for one under {rule.Name} is sourced. "
                + "Record the opt-out itself with IOptOutService, which takes effect at once.");
        }

        if (request.Account is { Value: null })
        {
            throw AuditText.Refuse(nameof(DataSubjectRequest.Account), "The request's Account is default(AccountId); expected an account id, or null for every account.");
        }

        var now = time.GetUtcNow();
        var received = (request.ReceivedAt ?? now).ToUniversalTime();
        if (received > now)
        {
            throw AuditText.Refuse(nameof(DataSubjectRequest.ReceivedAt), $"The request's ReceivedAt {At(received)} is in the future; expected when the request arrived, now ({At(now)}) or earlier.");
        }

        var record = new DataSubjectRequestRecord(request.Reference, request.Kind, request.Law, received, rule.Due(received)) { Account = request.Account };
        if (!await store.AddRequestAsync(record, cancellationToken).ConfigureAwait(false))
        {
            var existing = await store.GetRequestAsync(request.Reference, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"A request with reference '{request.Reference}' is recorded already"
                + (existing is null ? string.Empty : $" ({Describe(existing)})") + "; references are unique: give this request its own.");
        }

        Log.RequestRecorded(logger, record.Reference, record.Kind.ToString(), record.Law.ToString(), record.Account?.Value, record.DueAt);
        return record;
    }

    public async Task<DataSubjectRequestRecord> ExtendRequestAsync(string reference, string reason, CancellationToken cancellationToken = default)
    {
        AuditText.Check(reason, "extension", "reason", 1, MaxReasonLength);
        var request = await FindRequestAsync(reference, cancellationToken).ConfigureAwait(false);
        var rule = RequestDeadlines.For(request.Law);
        var now = time.GetUtcNow();
        var refusal = request switch
        {
            { IsOpen: false } => $"it was closed on {Day(request.ClosedAt)} ({request.Resolution})",
            { ExtendedDueAt: { } extended } => $"it was extended already, to {At(extended)}; {rule.Name} allows one extension",
            _ when rule.Extended is null => $"{rule.Name} ({rule.Provision}) allows no extension: SmsOptOut takes the strict reading of a text whose sources disagree; answer by {At(request.DueAt)}",
            _ when now > request.DueAt => $"its due date {At(request.DueAt)} has passed; an extension must be taken, and the person told, before it",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Request '{request.Reference}' cannot be extended: {refusal}.");
        }

        var until = rule.Extended!(request.ReceivedAt);
        if (!await store.ExtendRequestAsync(request.Reference, until, reason, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Request '{request.Reference}' cannot be extended: it was extended or closed at the same time.");
        }

        Log.RequestExtended(logger, request.Reference, request.Law.ToString(), until);
        return request with { ExtendedDueAt = until, ExtensionReason = reason };
    }

    public async Task<DataSubjectRequestRecord> CloseRequestAsync(string reference, string resolution, CancellationToken cancellationToken = default)
    {
        AuditText.Check(resolution, "closing", "resolution", 1, MaxReasonLength);
        var request = await FindRequestAsync(reference, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (!request.IsOpen || !await store.CloseRequestAsync(request.Reference, now, resolution, cancellationToken).ConfigureAwait(false))
        {
            var closed = request.IsOpen ? await store.GetRequestAsync(request.Reference, cancellationToken).ConfigureAwait(false) ?? request : request;
            throw new InvalidOperationException($"Request '{request.Reference}' is closed already, since {At(closed.ClosedAt)} ({closed.Resolution}).");
        }

        Log.RequestClosed(logger, request.Reference, request.Kind.ToString(), request.Law.ToString(), resolution);
        return request with { ClosedAt = now, Resolution = resolution };
    }

    public Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        return store.GetRequestAsync(reference, cancellationToken);
    }

    public async IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync(AccountId? account = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var request in store.GetOpenRequestsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (account is null || request.Account is null || request.Account == account)
            {
                yield return request;
            }
        }
    }

    private async Task<DataSubjectRequestRecord> FindRequestAsync(string reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(reference))
        {
            throw new ArgumentException("Expected the reference of a recorded request; got an empty one.", nameof(reference));
        }

        return await store.GetRequestAsync(reference, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"No request with reference '{reference}' is recorded; record it first (RecordRequestAsync, smsoptout requests add).", nameof(reference));
    }

    private static string At(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "?";

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    private static string Describe(DataSubjectRequestRecord r) =>
        $"{r.Kind.ToString().ToLowerInvariant()} under {r.Law}, received {Day(r.ReceivedAt)}, " + (r.IsOpen ? "open" : $"closed {Day(r.ClosedAt)}");

    public async IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in store.GetErasuresAsync(account, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>The reference and reason stay in the audit record forever: they must be present, bounded, and free of the number.</summary>
    private static void Validate(ErasureRequest request)
    {
        AuditText.Check(request.RequestId, "erasure", nameof(ErasureRequest.RequestId), 1, MaxRequestIdLength);
        if (request.RequestId == Storage.UpgradeErasureRecord.RequestId)
        {
            throw new ArgumentException($"The erasure's RequestId '{request.RequestId}' is reserved for the record the store's upgrade appends to the consent log; give the request's own reference.", nameof(request));
        }

        AuditText.Check(request.Reason, "erasure", nameof(ErasureRequest.Reason), 1, MaxReasonLength);
        AuditText.RefuseNumber(request.Number, "erasure", "the number being erased", "the audit record",
            (request.RequestId, nameof(ErasureRequest.RequestId)), (request.Reason, nameof(ErasureRequest.Reason)));
    }
}
