using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>Several processes on one machine dispatching the outbox of one shared SQLite file.</summary>
public sealed class SqliteMultiInstanceDispatchTests(SqliteStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<SqliteStorageFixture>(fixture, output)
{
    protected override string StorageName => "sqlite";

    protected override string WorkerConnection(string isolationKey) => $"Data Source={Fixture.PathFor(isolationKey)}";
}
