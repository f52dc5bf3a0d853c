using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.DoNotCall;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>Every SmsOptOut storage contract on Redis; one partial file per contract.</summary>
internal sealed partial class RedisStorage : ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore, IDataSubjectStore,
    IDoNotCallRegistryStore, SmsOptOut.OptIn.IOptInStore, SmsOptOut.Sending.ISendLedger, SmsOptOut.Sending.IDeferredSendStore, IWebhookDeliveryHistory, ISuppressionCounter,
    SmsOptOut.Providers.IWebhookReplayGuard, SmsOptOut.Providers.IReconciliationCheckpointStore, IAsyncDisposable
{
    private readonly RedisStorageOptions _options;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly string _root;

    /// <summary>
    /// The key of the deployment-wide scripts (the Do-Not-Call registry, the wake indexes): those keys carry the
    /// prefix's hash tag, so on a Redis Cluster the script is sent to the node that owns that slot (a script sent
    /// elsewhere fails with "non local key"). An account's scripts are sent with the account's root instead.
    /// </summary>
    private readonly RedisKey[] _routing;

    /// <summary>The accounts this instance has seen in the accounts set, so it adds each once.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _knownAccounts = new(StringComparer.Ordinal);

    /// <summary>Each account's backfill state as read (<see cref="BackfilledAsync"/>), by the account's key.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RedisBackfill?> _backfills = new(StringComparer.Ordinal);
    private readonly NumberPseudonyms _pseudonyms;
    private readonly int[] _configuredKeys;
    private readonly ErasedSuppressionCache _erased;
    private readonly RegistrySetCache _registrySets;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SuppressionSnapshots? _snapshots;

    public RedisStorage(IOptions<RedisStorageOptions> options, NumberPseudonyms pseudonyms, IOptions<SmsOptOutOptions> core, ILogger<RedisStorage> logger, TimeProvider time,
        IMeterFactory? meterFactory = null)
    {
        _logger = logger;
        _time = time;
        _options = options.Value;
        _pseudonyms = pseudonyms;
        _erased = new ErasedSuppressionCache(pseudonyms);
        _registrySets = new RegistrySetCache(_options.MaxCachedRegistryNumbers);
        _snapshots = _options.SuppressionSnapshot
            ? new SuppressionSnapshots(_options.MaxSnapshotNumbers, pseudonyms, time, meterFactory, (account, e) => Log.SnapshotLoadFailed(logger, e, account))
            : null;
        _configuredKeys = [.. core.Value.DataProtection.PseudonymKeys.Select(k => k.Id)];
        _root = "{" + _options.KeyPrefix + "}";
        _routing = [_root];
        _connection = new Lazy<Task<IConnectionMultiplexer>>(async () =>
        {
            var connection = _options.Connection ?? await ConnectionMultiplexer.ConnectAsync(_options.Configuration!).ConfigureAwait(false);
            WatchConnection(connection);
            return connection;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAcknowledgedAsync().ConfigureAwait(false);
        if (_options.Connection is null && _connection.IsValueCreated)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The database, once the data is in the current key layout (see <see cref="EnsureLayoutAsync"/>).</summary>
    private async Task<IDatabase> DatabaseAsync()
    {
        var database = (await _connection.Value.ConfigureAwait(false)).GetDatabase(_options.Database);
        if (!_layoutReady)
        {
            await EnsureLayoutAsync(database, CancellationToken.None).ConfigureAwait(false);
        }

        return database;
    }

    /// <summary>
    /// The root of an account's keys, <c>{prefix:a:account}</c>: the braces make it the keys' hash tag, so an account's
    /// data sits in one slot (each change one atomic script) and different accounts spread over a cluster's shards.
    /// </summary>
    private string AccountKey(string account) => "{" + _options.KeyPrefix + ":a:" + account + "}";

    /// <summary>
    /// The hash of token pointers a token belongs to, <c>{prefix:t:n}</c> with n its first character's code modulo 64:
    /// tokens are found by the token alone, and 64 hashes spread over a cluster's shards while a batch of tokens
    /// still takes one script per hash, not one command per token.
    /// </summary>
    private string PointerKey(string token) =>
        "{" + _options.KeyPrefix + ":t:" + ((token.Length == 0 ? 0 : token[0]) & 63).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

    /// <summary>Runs one of an account's scripts on the master of the account's slot.</summary>
    private static Task<RedisResult> RunAsync(IDatabase database, string script, string accountKey, RedisValue[] values) =>
        database.ScriptEvaluateAsync(script, keys: [accountKey], values: values);

    /// <summary>
    /// Adds accounts to the accounts set before their first write, so every account that holds data is listed there
    /// (erasure, cleanups and the wake sweep visit accounts through it); each instance adds an account once.
    /// </summary>
    private async Task RememberAsync(IDatabase database, IEnumerable<string> accounts)
    {
        var unknown = accounts.Where(a => !_knownAccounts.ContainsKey(a)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0)
        {
            return;
        }

        await database.SetAddAsync(_root + ":accts", Array.ConvertAll(unknown, a => (RedisValue)a)).ConfigureAwait(false);
        foreach (var account in unknown)
        {
            _knownAccounts.TryAdd(account, 0);
        }
    }

    /// <summary>
    /// Forgets what this instance believes Redis holds when the connection fails or comes back (a failover or restart
    /// may have lost writes): the snapshots, which accounts are in the accounts set, so the next write to each adds it
    /// again (an account whose entry a failover lost would otherwise be missed by every walk over the accounts:
    /// retention, verification rounds, a message looked up by id), and the backfill states read.
    /// </summary>
    private void WatchConnection(IConnectionMultiplexer connection)
    {
        connection.ConnectionFailed += (_, _) => Forget();
        connection.ConnectionRestored += (_, _) => Forget();

        void Forget()
        {
            _snapshots?.Clear();
            _knownAccounts.Clear();
            _backfills.Clear();
        }
    }

    /// <summary>Every account that holds data.</summary>
    private async Task<string[]> AccountsAsync(IDatabase database) =>
        Array.ConvertAll(await database.SetMembersAsync(_root + ":accts").ConfigureAwait(false), a => (string)a!);

    private static long Milliseconds(DateTimeOffset value) => value.UtcTicks / TimeSpan.TicksPerMillisecond;

    private static string Ticks(DateTimeOffset value) => StoredValues.Ticks(value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(RedisValue ticks) => StoredValues.Instant((long)ticks);
}
