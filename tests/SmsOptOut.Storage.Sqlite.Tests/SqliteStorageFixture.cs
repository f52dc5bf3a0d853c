using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>One real SQLite file per test store, in a folder deleted when the fixture is done.</summary>
public sealed class SqliteStorageFixture : StorageFixture
{
    public string Folder { get; private set; } = Path.Combine(Path.GetTempPath(), "smsoptout-sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    public string PathFor(string isolationKey) => Path.Combine(Folder, isolationKey + ".db");

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UseSqlite($"Data Source={PathFor(isolationKey)}", o => o.Synchronous = SqliteSynchronous.Normal);

    public override StorageCapabilities Capabilities => base.Capabilities | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<SqliteStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["folder"] = Folder };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => Folder = settings["folder"];

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a test host that is going away; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
