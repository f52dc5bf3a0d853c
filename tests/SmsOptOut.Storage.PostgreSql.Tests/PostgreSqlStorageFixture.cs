using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>A throwaway PostgreSQL server for the run; one schema per test store.</summary>
public sealed class PostgreSqlStorageFixture : StorageFixture
{
    public string ConnectionString { get; private set; } = string.Empty;

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UsePostgreSql(o =>
        {
            o.ConnectionString = ConnectionString;
            o.Schema = isolationKey;
        });

    public override StorageCapabilities Capabilities => base.Capabilities | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<PostgreSqlStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["connectionString"] = ConnectionString };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => ConnectionString = settings["connectionString"];

    public override async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        UnavailableReason = server.UnavailableReason;
        ConnectionString = server.ConnectionString;
    }
}
