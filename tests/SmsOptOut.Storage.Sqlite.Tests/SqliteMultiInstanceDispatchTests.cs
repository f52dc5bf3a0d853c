using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>Several processes on one machine sharing one SQLite file: contending writers and claimers, and webhook dispatchers.</summary>
public sealed class SqliteMultiInstanceDispatchTests(SqliteStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<SqliteStorageFixture>(fixture, output);
