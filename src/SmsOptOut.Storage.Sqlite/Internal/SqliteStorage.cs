using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.DoNotCall;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Every SmsOptOut storage contract on one SQLite file; one partial file per contract.</summary>
internal sealed partial class SqliteStorage(IOptions<SqliteStorageOptions> options, TimeProvider timeProvider, NumberPseudonyms pseudonyms, ILogger<SqliteStorage> logger,
    IMeterFactory? meterFactory = null)
    : ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore, IDataSubjectStore, IDoNotCallRegistryStore,
    IStorageSchema, SmsOptOut.OptIn.IOptInStore, SmsOptOut.Sending.ISendLedger, SmsOptOut.Sending.IDeferredSendStore, SmsOptOut.Reports.IConsentStatisticsStore, IWebhookDeliveryHistory, ISuppressionCounter,
    SmsOptOut.Providers.IWebhookReplayGuard, SmsOptOut.Providers.IReconciliationCheckpointStore, IDisposable
{
    private readonly SqliteDatabase _database = new(options.Value, timeProvider, logger, (connection, transaction, batchSize, cancellationToken) =>
        BackfillConsentLogAsync(connection, transaction, batchSize, timeProvider.GetUtcNow(), cancellationToken));
    private readonly NumberPseudonyms _pseudonyms = pseudonyms;
    private readonly TimeProvider _timeProvider = timeProvider;

    /// <inheritdoc />
    public async Task<StorageSchemaVersion> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var (found, current) = await _database.MigrateAsync(cancellationToken, check: true).ConfigureAwait(false);
        return new StorageSchemaVersion(found, current);
    }
    private readonly RegistrySetCache _registrySets = new(options.Value.MaxCachedRegistryNumbers);
    private readonly ErasedSuppressionCache _erased = new(pseudonyms);
    private readonly SuppressionSnapshots? _snapshots = options.Value.SuppressionSnapshot
        ? new(options.Value.MaxSnapshotNumbers, pseudonyms, timeProvider, meterFactory, (account, e) => Log.SnapshotLoadFailed(logger, e, account))
        : null;

    public void Dispose() => _database.Dispose();

    /// <summary>The database (for tests: the backfill's batch size and the hook after each batch).</summary>
    internal SqliteDatabase Database => _database;

    private static long Ticks(DateTimeOffset value) => StoredValues.Ticks(value);

    private static DateTimeOffset Instant(long ticks) => StoredValues.Instant(ticks);

    private static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader.GetInt64(ordinal));

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;
}
