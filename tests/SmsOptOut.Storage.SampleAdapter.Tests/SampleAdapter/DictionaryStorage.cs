using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.OptIn;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>
/// A third-party storage adapter, written as one would be outside this repository: only public SmsOptOut types
/// (<see cref="StoreArguments"/> for the argument checks, <see cref="NumberPseudonyms"/> for erased numbers,
/// <see cref="ConsentEvidenceMinimizer"/> for retention, the host's <see cref="TimeProvider"/> for the replay guard's
/// expiry), plain dictionaries, and one lock, under which every write —
/// an event with its suppression change and its webhooks, an erasure across every store — is applied whole.
/// Neither durable nor shared: each service provider holds its own data, which goes when it is disposed. It leaves out
/// optional contracts too — the Do-Not-Call registry and provider reconciliation checkpoints, a schema, a counter, the
/// statistics fast path — and its fixture declares so in its capabilities: SmsOptOut says what it cannot do when asked,
/// and the conformance kit runs exactly the suites of the contracts it claims.
/// </summary>
internal sealed partial class DictionaryStorage(NumberPseudonyms pseudonyms, TimeProvider time)
    : ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore, IDataSubjectStore,
    IOptInStore, ISendLedger, IDeferredSendStore, IWebhookDeliveryHistory, SmsOptOut.Providers.IWebhookReplayGuard, IAccountDirectory
{
    /// <summary>The list key of an account-wide suppression.</summary>
    private const string AccountWide = "";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    /// <summary>Held messages by id, with whether a scheduler claimed them.</summary>
    private readonly SortedDictionary<string, (DeferredSend Send, bool Claimed)> _held = new(StringComparer.Ordinal);

    private AccountState State(AccountId account)
    {
        if (!_accounts.TryGetValue(account.Value, out var state))
        {
            state = new AccountState();
            _accounts.Add(account.Value, state);
        }

        return state;
    }

    private static async IAsyncEnumerable<T> Stream<T>(IReadOnlyList<T> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>What one account holds.</summary>
    private sealed class AccountState
    {
        /// <summary>The consent log, in recording order.</summary>
        public List<ConsentEvent> Log { get; } = [];

        public HashSet<string> EventIds { get; } = new(StringComparer.Ordinal);

        /// <summary>Current suppressions by number and list key (<see cref="AccountWide"/> for the account), with the opt-out that made each.</summary>
        public Dictionary<(ulong Number, string List), ConsentEvent> Suppressions { get; } = [];

        /// <summary>Suppressions of erased numbers, by pseudonym and list key.</summary>
        public HashSet<(ulong Pseudonym, string List)> ErasedSuppressions { get; } = [];

        /// <summary>The pseudonym keys <see cref="ErasedSuppressions"/> were made with.</summary>
        public HashSet<int> ErasedKeys { get; } = [];

        public List<ErasureRecord> Erasures { get; } = [];

        public Dictionary<ulong, DateTimeOffset> LastReplies { get; } = [];

        /// <summary>Send times per counter and number (frequency caps).</summary>
        public Dictionary<(string Counter, ulong Number), List<DateTimeOffset>> Sends { get; } = [];

        /// <summary>Opt-in records by number.</summary>
        public Dictionary<ulong, OptInRecord> OptIns { get; } = [];

        public ReportCursor? ReportCursor { get; set; }

        public (string Owner, DateTimeOffset Until)? ReportClaim { get; set; }
    }
}
