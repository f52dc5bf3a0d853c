using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>Several processes dispatching one PostgreSQL outbox.</summary>
public sealed class PostgreSqlMultiInstanceDispatchTests(PostgreSqlStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<PostgreSqlStorageFixture>(fixture, output)
{
    protected override string StorageName => "postgres";

    protected override string WorkerConnection(string isolationKey) => $"{Fixture.ConnectionString}|{isolationKey}";
}
