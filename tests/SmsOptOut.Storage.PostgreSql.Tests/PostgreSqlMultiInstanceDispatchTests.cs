using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>Several processes sharing one PostgreSQL schema: contending writers and claimers, and webhook dispatchers.</summary>
public sealed class PostgreSqlMultiInstanceDispatchTests(PostgreSqlStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<PostgreSqlStorageFixture>(fixture, output);
