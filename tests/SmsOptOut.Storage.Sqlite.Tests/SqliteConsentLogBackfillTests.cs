using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Storage.ConformanceTests.Evidence;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Sqlite.Internal;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// A file from before the consent log (schema 17) gets a leaf for each event it kept, once, on the first start after
/// the upgrade (docs/evidence.md): a cancelled start, a second start and two instances starting at once leave each
/// event in the log exactly once, with no gap.
/// </summary>
public sealed class SqliteConsentLogBackfillTests : IDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly AccountId Globex = new("globex");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"smsoptout-backfill-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_start_cancelled_between_batches_is_continued_by_the_next_and_every_event_kept_is_in_the_log_once()
    {
        await SqliteFileBeforeTheLog.CreateAsync(_file);
        using var cancel = new CancellationTokenSource();
        await using (var first = Services())
        {
            var database = Storage(first).Database;
            database.DataStepBatchSize = 2;
            database.DataStepBatchCommitted = cancel.Cancel;
            var start = () => first.GetRequiredService<IStorageSchema>().MigrateAsync(cancel.Token);
            await start.Should().ThrowAsync<OperationCanceledException>();
        }

        (await ScalarAsync("SELECT COUNT(*) FROM consent_log;")).Should().Be(2, "the first batch (seq 1 and 2) committed before the crash");
        await using var services = Services();
        Storage(services).Database.DataStepBatchSize = 2;
        var migrated = await services.GetRequiredService<IStorageSchema>().MigrateAsync();

        migrated.Should().Be(new StorageSchemaVersion(SqliteSchema.Migrations[^1].Version, SqliteSchema.Migrations[^1].Version), "the schema was migrated by the cancelled start");
        await BackfilledLog.ShouldHoldAsync(services, Acme, SqliteFileBeforeTheLog.Acme);
        await BackfilledLog.ShouldHoldAsync(services, Globex, SqliteFileBeforeTheLog.Globex);
        (await ScalarAsync("SELECT COUNT(*) FROM consent_events WHERE salt IS NULL;")).Should().Be(0);
    }

    [Fact]
    public async Task A_second_start_adds_nothing_and_events_applied_after_the_upgrade_follow_the_backfilled_leaves_unmarked()
    {
        await SqliteFileBeforeTheLog.CreateAsync(_file);
        await using (var upgraded = Services())
        {
            await upgraded.GetRequiredService<IStorageSchema>().MigrateAsync();
            await upgraded.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(9), OptOutSource.Api));
        }

        var leaves = await ScalarAsync("SELECT COUNT(*) FROM consent_log;");
        await using var services = Services();
        await services.GetRequiredService<IStorageSchema>().MigrateAsync();
        var log = await services.GetRequiredService<IConsentLogStore>().ReadLogAsync(Acme, 0, 100);
        var verification = await services.GetRequiredService<IConsentEvidence>().VerifyAsync(Acme);

        (await ScalarAsync("SELECT COUNT(*) FROM consent_log;")).Should().Be(leaves).And.Be(6);
        log.Select(e => e.BackfilledAt is null).Should().Equal(false, false, false, false, true);
        (verification.IsIntact, verification.LogSize, verification.Backfilled).Should().Be((true, 5, 4));
    }

    [Fact]
    public async Task Two_instances_starting_at_once_backfill_each_event_once()
    {
        await SqliteFileBeforeTheLog.CreateAsync(_file);
        await using var one = Services();
        await using var two = Services();
        Storage(one).Database.DataStepBatchSize = 1;
        Storage(two).Database.DataStepBatchSize = 1;

        await Task.WhenAll(one.GetRequiredService<IStorageSchema>().MigrateAsync(), two.GetRequiredService<IStorageSchema>().MigrateAsync());

        await BackfilledLog.ShouldHoldAsync(one, Acme, SqliteFileBeforeTheLog.Acme);
        await BackfilledLog.ShouldHoldAsync(two, Globex, SqliteFileBeforeTheLog.Globex);
    }

    [Fact]
    public async Task A_new_file_has_nothing_to_backfill_and_says_none_was()
    {
        await using var services = Services();
        await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Api));

        var verification = await services.GetRequiredService<IConsentEvidence>().VerifyAsync(Acme);

        (verification.IsIntact, verification.LogSize, verification.Backfilled, verification.BackfilledAt).Should().Be((true, 1L, 0L, (DateTimeOffset?)null));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private static SqliteStorage Storage(IServiceProvider services) => (SqliteStorage)services.GetRequiredService<ISuppressionStore>();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.DataProtection.PseudonymKeys.Add(new Privacy.PseudonymKey { Id = 1, Secret = Convert.ToBase64String(new byte[32]) });
            o.Evidence.SigningKeys.Add(TestStore.EvidenceKey);
        }).UseSqlite($"Data Source={_file}");
        return services.BuildServiceProvider();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
