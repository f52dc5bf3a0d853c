using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Moving a store from the single hash tag of layouts 1 and 2 to per-account hash tags (layout 3): in place on a
/// single node, by itself on first use or through <see cref="IStorageSchema.MigrateAsync"/> (<c>smsoptout migrate</c>),
/// and from a single node to a Redis Cluster (migrate, then <c>redis-cli --cluster import</c>).
/// </summary>
public sealed class RedisLayoutMigrationTests(RedisStorageFixture fixture, RedisClusterFixture clusterFixture)
    : IClassFixture<RedisStorageFixture>, IClassFixture<RedisClusterFixture>
{
    [SkippableFact]
    public async Task A_layout_2_store_moves_to_per_account_tags_through_migrate_and_reads_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "move2_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix);
        await using var store = fixture.CreateStore(prefix);
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(2, 9));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9), "a second run finds nothing to move");

        var left = redis.GetServers().Single().Keys(pattern: "{" + prefix + "}*").Select(k => ((string)k!)[(prefix.Length + 3)..]);
        left.Should().BeEquivalentTo(["accts", "layout", "wake:out", "wake:outgen", "wake:ds", "wake:dsgen"], "only the account list, the layout and the wake indexes stay under the old tag");
        await LegacyLayoutExpectations.AssertMovedAsync(store);
    }

    [SkippableFact]
    public async Task Two_instances_starting_at_once_move_the_data_once_and_both_read_it()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "race_" + Guid.NewGuid().ToString("N")[..8];
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix);
        }

        await using var first = fixture.CreateStore(prefix);
        await using var second = fixture.CreateStore(prefix);

        var found = await Task.WhenAll(first.Services.GetRequiredService<IStorageSchema>().MigrateAsync(), second.Services.GetRequiredService<IStorageSchema>().MigrateAsync());

        found.Select(v => v.Found).Should().BeEquivalentTo([2, 9], "one instance moves the data under the lock; the other waits and finds it moved");
        await LegacyLayoutExpectations.AssertMovedAsync(second);
    }

    [SkippableFact]
    public async Task A_move_run_again_over_old_keys_left_beside_moved_ones_ends_in_the_same_state()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "again_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix);
        await using var store = fixture.CreateStore(prefix);
        var schema = store.Services.GetRequiredService<IStorageSchema>();
        (await schema.MigrateAsync()).Found.Should().Be(2);

        // What a move that died midway leaves: every old key still there (copied, not yet deleted), the layout still 2.
        await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix);
        await store.ReopenAsync();

        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(2, 9));
        await LegacyLayoutExpectations.AssertMovedAsync(store);
    }

    [SkippableFact]
    public async Task A_layout_1_store_without_per_number_indexes_moves_on_first_use_and_erases_completely()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "move1_" + Guid.NewGuid().ToString("N")[..8];
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix, asLayout1: true);
        }

        await using var store = fixture.CreateStore(prefix);
        var erased = await store.DataSubjectService.EraseAsync(new Privacy.ErasureRequest(TestNumbers.Us(1), "ticket-1", "asked") { Account = new("acme") });

        var record = erased.Records.Should().ContainSingle().Subject;
        (record.Events, record.Suppressions, record.Webhooks, record.Replies).Should().Be((1, 1, 1, 1), "the event, webhook and reply indexes were built as the data moved");
        (await store.Suppression.IsSuppressedAsync(new("acme"), TestNumbers.Us(1))).Should().BeTrue();
        (await store.DataSubjects.GetTokensAsync(new("acme"), TestNumbers.Us(5))).Select(t => t.Token).Should().BeEquivalentTo(["tokA1", "tokA2"], "the token index was built too");
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Found.Should().Be(9, "the first use moved it");
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_single_node_store_moves_to_a_cluster_with_migrate_then_redis_cli_import()
    {
        clusterFixture.ThrowIfUnavailable();
        var cluster = await RedisCluster.GetAsync();
        var folder = Directory.CreateTempSubdirectory("smsoptout-redis-single-").FullName;
        var single = await cluster.StartStandaloneAsync(folder);
        var prefix = "import_" + Guid.NewGuid().ToString("N")[..8];
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{single}"))
        {
            await LegacyDataset.LoadAsync(redis.GetDatabase(), prefix);
        }

        // Step 1, on the single node: move to per-account tags (what `smsoptout migrate` runs).
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseRedis(o =>
        {
            o.Configuration = $"127.0.0.1:{single}";
            o.KeyPrefix = prefix;
        });
        await using (var provider = services.BuildServiceProvider())
        {
            (await provider.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(2, 9));
        }

        // Step 2: redis-cli copies every key to the master that owns its slot.
        var (exit, output) = await cluster.CliAsync(cluster.Ports.First(), "--cluster", "import", $"127.0.0.1:{cluster.Ports.First()}",
            "--cluster-from", $"127.0.0.1:{single}", "--cluster-copy", "--cluster-replace");
        exit.Should().Be(0, output);

        await using var store = clusterFixture.CreateStore(prefix);
        (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9));
        await LegacyLayoutExpectations.AssertMovedAsync(store);
    }
}
