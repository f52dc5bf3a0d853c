using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>The crash-safety proof on PostgreSQL: the writing client process is killed, the server keeps running.</summary>
public sealed class PostgreSqlCrashSafetyTests(PostgreSqlStorageFixture fixture, ITestOutputHelper output)
    : CrashSafetyTests<PostgreSqlStorageFixture>(fixture, output);
