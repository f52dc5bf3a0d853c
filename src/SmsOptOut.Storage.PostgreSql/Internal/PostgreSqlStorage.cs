using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SmsOptOut.DoNotCall;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>Every SmsOptOut storage contract on one PostgreSQL schema; one partial file per contract.</summary>
internal sealed partial class PostgreSqlStorage(IOptions<PostgreSqlStorageOptions> options, TimeProvider timeProvider, NumberPseudonyms pseudonyms,
    IOptions<SmsOptOutOptions> core, ILogger<PostgreSqlStorage> logger, IMeterFactory? meterFactory = null)
    : ISuppressionStore, IOptOutLinkTokenStore, IKeywordReplyLedger, IWebhookOutboxStore, IReportCursorStore, IDataSubjectStore, IDoNotCallRegistryStore,
    IStorageSchema, SmsOptOut.OptIn.IOptInStore, SmsOptOut.Sending.ISendLedger, SmsOptOut.Sending.IDeferredSendStore, SmsOptOut.Reports.IConsentStatisticsStore, IWebhookDeliveryHistory, ISuppressionCounter,
    SmsOptOut.Providers.IWebhookReplayGuard, SmsOptOut.Providers.IReconciliationCheckpointStore, IAsyncDisposable
{
    private readonly PostgreSqlDatabase _database = new(options.Value, timeProvider, logger, (database, connection, transaction, batchSize, cancellationToken) =>
        BackfillConsentLogAsync(database, connection, transaction, batchSize, timeProvider.GetUtcNow(), cancellationToken));

    /// <summary>The database (for tests: the backfill's batch size and the hook after each batch).</summary>
    internal PostgreSqlDatabase Database => _database;
    private readonly NumberPseudonyms _pseudonyms = pseudonyms;
    private SuppressionVersionReader? _versions;

    /// <inheritdoc />
    public async Task<StorageSchemaVersion> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var (found, current) = await _database.MigrateAsync(cancellationToken, check: true).ConfigureAwait(false);
        return new StorageSchemaVersion(found, current);
    }
    private readonly RegistrySetCache _registrySets = new(options.Value.MaxCachedRegistryNumbers);
    private readonly int[] _configuredKeys = [.. core.Value.DataProtection.PseudonymKeys.Select(k => k.Id)];
    private string[]? _applyStatements;
    private string? _appendLogStatement;
    private readonly SuppressionSnapshots? _snapshots = options.Value.SuppressionSnapshot
        ? new(options.Value.MaxSnapshotNumbers, pseudonyms, timeProvider, meterFactory, (account, e) => Log.SnapshotLoadFailed(logger, e, account))
        : null;

    public async ValueTask DisposeAsync()
    {
        if (_versions is { } versions)
        {
            await versions.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>The numbers as the <c>bigint[]</c> a statement unnests.</summary>
    private static long[] Values(ReadOnlySpan<PhoneNumber> numbers)
    {
        var values = new long[numbers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)numbers[i].Value;
        }

        return values;
    }

    private static void Add(NpgsqlCommand command, object? value) => command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });

    private static void Add(NpgsqlCommand command, string? value) => command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
