using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>
/// A real storage the tool works on: its <c>--storage</c> arguments for an isolation key, and the same storage in this
/// process to look at. Built on the conformance kit's fixture, so a missing server skips the tests (and fails them in CI)
/// the same way.
/// </summary>
public abstract class ToolStorageFixture : StorageFixture
{
    /// <summary>The tool's storage arguments for the storage of <paramref name="isolation"/> (a file, a schema, a key prefix).</summary>
    public abstract string[] Arguments(string isolation);

    /// <summary>SmsOptOut over the same storage, in this process.</summary>
    public ServiceProvider Open(string isolation)
    {
        var services = new ServiceCollection();
        UseStorage(services.AddSmsOptOut(), isolation);
        return services.BuildServiceProvider();
    }
}

/// <summary>One SQLite file per isolation key, in a temporary folder.</summary>
public sealed class SqliteToolFixture : ToolStorageFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smsoptout-tool-" + Guid.NewGuid().ToString("N")[..8]);

    public string PathOf(string isolation) => Path.Combine(_folder, isolation + ".db");

    public override string[] Arguments(string isolation) => ["--storage", "sqlite:" + PathOf(isolation)];

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) => builder.UseSqlite($"Data Source={PathOf(isolationKey)}");
}

/// <summary>A throwaway PostgreSQL server; one schema per isolation key.</summary>
public sealed class PostgreSqlToolFixture : ToolStorageFixture
{
    private string _connectionString = string.Empty;

    public override string[] Arguments(string isolation) => ["--storage", "postgresql:" + _connectionString, "--schema", isolation];

    public override async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        UnavailableReason = server.UnavailableReason;
        _connectionString = server.ConnectionString;
    }

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UsePostgreSql(o =>
        {
            o.ConnectionString = _connectionString;
            o.Schema = isolationKey;
        });
}

/// <summary>A throwaway Redis server; one key prefix per isolation key.</summary>
public sealed class RedisToolFixture : ToolStorageFixture
{
    private string _configuration = string.Empty;

    public override string[] Arguments(string isolation) => ["--storage", "redis:" + _configuration, "--key-prefix", isolation];

    public override async Task InitializeAsync()
    {
        var server = await RedisServer.GetAsync();
        UnavailableReason = server.UnavailableReason;
        _configuration = server.Configuration;
    }

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UseRedis(o =>
        {
            o.Configuration = _configuration;
            o.KeyPrefix = isolationKey;
        });
}
