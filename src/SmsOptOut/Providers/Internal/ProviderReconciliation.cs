using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Keywords;
using SmsOptOut.Suppression;

namespace SmsOptOut.Providers.Internal;

/// <summary>
/// Reads the opt-outs each provider lists, page by page within a fixed window, and records those SmsOptOut lacks through
/// the one opt-out service; the checkpoint is saved after every page, so a killed run resumes at the page it reached.
/// </summary>
internal sealed class ProviderReconciliation(
    IEnumerable<ISmsProvider> providers,
    IOptOutService optOut,
    ISuppressionStore store,
    IKeywordOptionsProvider keywordOptions,
    IOptions<SmsOptOutOptions> options,
    TimeProvider time,
    SmsOptOutMetrics metrics,
    ILogger<ProviderReconciliation> logger,
    IReconciliationCheckpointStore? checkpoints = null) : IProviderReconciliation
{
    public const string NoStoreMessage =
        "Provider reconciliation needs a storage that keeps checkpoints (IReconciliationCheckpointStore): use the SQLite, PostgreSQL, Redis or in-memory storage, or an adapter that implements it.";

    private readonly IReadOnlyList<(string Name, IProviderOptOutSource Source)> _sources =
        [.. providers.Where(p => p.OptOutSource is not null).Select(p => (p.Name, p.OptOutSource!))];

    public async Task<IReadOnlyList<ReconciliationResult>> ReconcileAsync(AccountId account, string? provider = null, CancellationToken cancellationToken = default)
    {
        Storage.StoreArguments.ValidateAccount(account);
        var store = checkpoints ?? throw new InvalidOperationException(NoStoreMessage);
        var sources = provider is null ? _sources : [.. _sources.Where(s => s.Name == provider)];
        if (provider is not null && sources.Count == 0)
        {
            throw new ArgumentException(
                $"No registered provider named '{provider}' lists its opt-outs; those that do: {(_sources.Count == 0 ? "none" : string.Join(", ", _sources.Select(s => s.Name)))}.", nameof(provider));
        }

        var results = new List<ReconciliationResult>(sources.Count);
        foreach (var (name, source) in sources)
        {
            results.Add(await ReconcileAsync(store, account, name, source, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public async IAsyncEnumerable<ReconciliationResult> GetLastRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (checkpoints is null)
        {
            yield break;
        }

        await foreach (var saved in checkpoints.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ReconciliationCheckpoint.FromJson(saved.Checkpoint) is { } checkpoint)
            {
                yield return Result(saved.Account, saved.Provider, checkpoint);
            }
        }
    }

    private async Task<ReconciliationResult> ReconcileAsync(IReconciliationCheckpointStore store, AccountId account, string provider, IProviderOptOutSource source,
        CancellationToken cancellationToken)
    {
        var saved = ReconciliationCheckpoint.FromJson(await store.GetCheckpointAsync(account, provider, cancellationToken).ConfigureAwait(false)) ?? new ReconciliationCheckpoint();
        var now = time.GetUtcNow();
        var pending = saved.Pending ?? new ReconciliationCheckpoint.PendingRun(saved.Through - options.Value.Reconciliation.Overlap, now, null, ReconciliationCheckpoint.Counts.None);
        var window = new ProviderOptOutWindow(pending.Since, pending.Until);
        var counts = pending.Counts;
        var token = pending.PageToken;
        var keywords = await keywordOptions.GetOptionsAsync(account, cancellationToken).ConfigureAwait(false);
        try
        {
            do
            {
                var page = await source.ReadPageAsync(account, window, token, cancellationToken).ConfigureAwait(false);
                foreach (var found in page.OptOuts)
                {
                    counts = await RecordAsync(account, provider, found, keywords.Scope, counts, cancellationToken).ConfigureAwait(false);
                }

                token = page.NextPageToken;
                if (token is not null)
                {
                    var progress = saved with { Pending = new ReconciliationCheckpoint.PendingRun(window.Since, window.Until, token, counts) };
                    await store.SaveCheckpointAsync(account, provider, progress.ToJson(), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                }
            }
            while (token is not null);
        }
        catch (Exception e) when (e is ProviderUnavailableException or HttpRequestException or OperationCanceledException)
        {
            var reason = e is OperationCanceledException ? "cancelled" : e.Message;
            var stopped = saved with
            {
                Pending = new ReconciliationCheckpoint.PendingRun(window.Since, window.Until, token, counts),
                Last = new ReconciliationCheckpoint.LastRun(time.GetUtcNow(), counts, Completed: false, reason),
            };
            await store.SaveCheckpointAsync(account, provider, stopped.ToJson(), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Log.ReconciliationStopped(logger, provider, account.Value, counts.Read, counts.Recorded, reason);
            if (e is OperationCanceledException)
            {
                throw;
            }

            return Result(account, provider, stopped);
        }

        var done = new ReconciliationCheckpoint { Through = window.Until, Last = new ReconciliationCheckpoint.LastRun(time.GetUtcNow(), counts, Completed: true, null) };
        await store.SaveCheckpointAsync(account, provider, done.ToJson(), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (counts.Recorded > 0)
        {
            Log.ReconciliationFoundMissing(logger, provider, account.Value, counts.Recorded, counts.Read);
        }
        else
        {
            Log.ReconciliationFoundNothing(logger, provider, account.Value, counts.Read);
        }

        return Result(account, provider, done);
    }

    /// <summary>Records one opt-out the provider holds, unless SmsOptOut has it or an opt-in recorded here since supersedes it.</summary>
    private async Task<ReconciliationCheckpoint.Counts> RecordAsync(AccountId account, string provider, ProviderOptOut found, KeywordScope scope,
        ReconciliationCheckpoint.Counts counts, CancellationToken cancellationToken)
    {
        counts = counts with { Read = counts.Read + 1 };
        var list = scope == KeywordScope.SendingNumber && found.Sender is { } sender ? SendingNumberScope.ListFor(sender) : (ListId?)null;
        if (await store.IsSuppressedAsync(account, found.Number, list, cancellationToken).ConfigureAwait(false))
        {
            metrics.ReconciliationFound(provider, "already_suppressed");
            return counts with { AlreadySuppressed = counts.AlreadySuppressed + 1 };
        }

        if (await OptedInSinceAsync(account, found, cancellationToken).ConfigureAwait(false))
        {
            metrics.ReconciliationFound(provider, "superseded");
            return counts with { Superseded = counts.Superseded + 1 };
        }

        var result = await optOut.OptOutAsync(new ConsentRequest(account, found.Number, OptOutSource.ProviderError)
        {
            Scope = list is null ? SuppressionScope.Account : SuppressionScope.List,
            List = list,
            OccurredAt = found.OptedOutAt,
            IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"reconcile:{provider}:{found.Number}:{found.OptedOutAt.UtcTicks}"),
            Evidence = new ConsentEvidence
            {
                ProviderName = provider,
                Note = $"Found by reconciliation: {provider} lists this opt-out"
                    + (found.Keyword is { Length: > 0 } keyword ? $" (keyword {keyword[..Math.Min(keyword.Length, 40)]})" : string.Empty)
                    + (found.Sender is { } from ? $" for {from}" : string.Empty)
                    + $", recorded there at {found.OptedOutAt:O}; its webhook never arrived.",
            },
        }, cancellationToken).ConfigureAwait(false);
        var recorded = result.Status == ConsentApplyStatus.Applied;
        metrics.ReconciliationFound(provider, recorded ? "recorded" : "already_suppressed");
        return recorded ? counts with { Recorded = counts.Recorded + 1 } : counts with { AlreadySuppressed = counts.AlreadySuppressed + 1 };
    }

    /// <summary>Whether an opt-in recorded here is later than the provider's opt-out: the person came back since, and stays.</summary>
    private async Task<bool> OptedInSinceAsync(AccountId account, ProviderOptOut found, CancellationToken cancellationToken)
    {
        await foreach (var e in store.GetHistoryAsync(account, found.Number, cancellationToken).ConfigureAwait(false))
        {
            if (e.Kind == ConsentKind.OptIn && e.OccurredAt > found.OptedOutAt)
            {
                return true;
            }
        }

        return false;
    }

    private static ReconciliationResult Result(AccountId account, string provider, ReconciliationCheckpoint checkpoint)
    {
        var counts = checkpoint.Last?.Counts ?? ReconciliationCheckpoint.Counts.None;
        return new ReconciliationResult(account, provider)
        {
            At = checkpoint.Last?.At ?? default,
            Through = checkpoint.Through,
            Read = counts.Read,
            Recorded = counts.Recorded,
            AlreadySuppressed = counts.AlreadySuppressed,
            Superseded = counts.Superseded,
            Completed = checkpoint.Last?.Completed ?? false,
            Error = checkpoint.Last?.Error,
        };
    }
}
