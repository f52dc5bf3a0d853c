using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Several processes sharing one Redis key prefix: contending writers and claimers, and webhook dispatchers.</summary>
public sealed class RedisMultiInstanceDispatchTests(RedisStorageFixture fixture, ITestOutputHelper output)
    : MultiInstanceDispatchTests<RedisStorageFixture>(fixture, output);
