using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// The evidence service remembers the roots of complete blocks of leaves; a database restored from a backup under a
/// running application, which then grows with other events, must not get a checkpoint signed from the roots of the log
/// it replaced: the next checkpoint is the restored log's, and the whole log verifies.
/// </summary>
public sealed class SqliteRestoredLogCheckpointTests : IDisposable
{
    private static readonly AccountId Acme = new("acme");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"smsoptout-restore-{Guid.NewGuid():N}.db");
    private readonly string _backup = Path.Combine(Path.GetTempPath(), $"smsoptout-restore-{Guid.NewGuid():N}.bak.db");

    [Fact]
    public async Task A_checkpoint_after_a_restored_backup_grew_again_is_the_restored_logs_and_verifies()
    {
        await using var services = Services();
        var store = services.GetRequiredService<ISuppressionStore>();
        var evidence = services.GetRequiredService<IConsentEvidence>();
        await OptOutAsync(store, 0, 300);
        (await evidence.CheckpointAsync(Acme)).TreeSize.Should().Be(300);
        Copy(_file, _backup);
        await OptOutAsync(store, 300, 300);
        (await evidence.CheckpointAsync(Acme)).TreeSize.Should().Be(600, "the service now remembers the roots of blocks 0 and 1 of this log");

        // The backup goes back under the running application, which then records 300 other opt-outs: leaves 300 … 599 differ.
        Copy(_backup, _file);
        await OptOutAsync(store, 10_000, 300);
        var checkpoint = await evidence.CheckpointAsync(Acme);
        var verification = await evidence.VerifyAsync(Acme);

        checkpoint.TreeSize.Should().Be(600);
        verification.IsIntact.Should().BeTrue("the new checkpoint signs the restored log's leaves, not the replaced log's block roots: " + verification.Divergence?.Reason);
        verification.Checkpoints.Should().Be(2, "the backup's checkpoint of 300 leaves and the new one");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _backup }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(path);
        }
    }

    private static async Task OptOutAsync(ISuppressionStore store, int first, int count) =>
        await store.ApplyBatchAsync([.. Enumerable.Range(first, count).Select(i => new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(i), TestStore.Epoch.AddSeconds(i)), []))]);

    /// <summary>SQLite's online backup from one file into another (what a restore does).</summary>
    private static void Copy(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from}");
        using var destination = new SqliteConnection($"Data Source={to}");
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Evidence.SigningKeys.Add(TestStore.EvidenceKey)).UseSqlite($"Data Source={_file}");
        return services.BuildServiceProvider();
    }
}
