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
    IDoNotCallRegistryStore, SmsOptOut.OptIn.IOptInStore, SmsOptOut.Sending.ISendLedger, SmsOptOut.Sending.IDeferredSendStore, IWebhookDeliveryHistory, ISuppressionCounter, IAsyncDisposable
{
    private readonly RedisStorageOptions _options;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly string _root;

    /// <summary>
    /// Passed as the one key of every script: every key carries the prefix's hash tag, so on a Redis Cluster the script
    /// is sent to the node that owns that slot (a script sent elsewhere fails with "non local key").
    /// </summary>
    private readonly RedisKey[] _routing;
    private readonly NumberPseudonyms _pseudonyms;
    private readonly int[] _configuredKeys;
    private readonly ErasedSuppressionCache _erased;
    private readonly RegistrySetCache _registrySets;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public RedisStorage(IOptions<RedisStorageOptions> options, NumberPseudonyms pseudonyms, IOptions<SmsOptOutOptions> core, ILogger<RedisStorage> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _options = options.Value;
        _pseudonyms = pseudonyms;
        _erased = new ErasedSuppressionCache(pseudonyms);
        _registrySets = new RegistrySetCache(_options.MaxCachedRegistryNumbers);
        _configuredKeys = [.. core.Value.DataProtection.PseudonymKeys.Select(k => k.Id)];
        _root = "{" + _options.KeyPrefix + "}";
        _routing = [_root];
        _connection = new Lazy<Task<IConnectionMultiplexer>>(async () => _options.Connection
            ?? await ConnectionMultiplexer.ConnectAsync(_options.Configuration!).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        if (_options.Connection is null && _connection.IsValueCreated)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection.Value.ConfigureAwait(false)).GetDatabase(_options.Database);

    private string AccountKey(string account) => _root + ":a:" + account;

    private static long Milliseconds(DateTimeOffset value) => value.UtcTicks / TimeSpan.TicksPerMillisecond;

    private static string Ticks(DateTimeOffset value) => StoredValues.Ticks(value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(RedisValue ticks) => StoredValues.Instant((long)ticks);
}
