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
    ILogger<DataSubjectService> logger, OptIn.IOptInStore? optIns = null, Sending.IDeferredSendStore? heldMessages = null) : IDataSubjectService
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
            var kept = await store.EraseAsync(request.Number, pseudonym, new ErasureRecord(account, request.RequestId, request.Reason, time.GetUtcNow()), cancellationToken)
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

        return new ErasureResult(records);
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
        Check(request.RequestId, nameof(ErasureRequest.RequestId), 1, MaxRequestIdLength);
        Check(request.Reason, nameof(ErasureRequest.Reason), 1, MaxReasonLength);
        var digits = request.Number.ToString()[1..];
        var national = digits.Length > 8 ? digits[^8..] : digits;
        foreach (var (text, name) in new[] { (request.RequestId, nameof(ErasureRequest.RequestId)), (request.Reason, nameof(ErasureRequest.Reason)) })
        {
            var textDigits = new string([.. text.Where(char.IsAsciiDigit)]);
            if (textDigits.Contains(national, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The erasure's {name} contains the number being erased; it is kept in the audit record, which must not hold the number.", name);
            }
        }
    }

    private static void Check(string? text, string name, int min, int max)
    {
        if (text is null || text.Length < min || text.Length > max || text.Any(char.IsControl) || string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"The erasure's {name} must be {min} to {max} printable characters; got {(text is null ? "null" : text.Length + " characters")}.", name);
        }
    }
}
