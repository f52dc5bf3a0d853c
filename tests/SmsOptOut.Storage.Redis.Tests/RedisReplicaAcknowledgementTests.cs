using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// <see cref="RedisStorageOptions.ReplicaAcknowledgements"/> on a server without replicas: the write reaches the master,
/// and the store says it is not acknowledged, naming the option and what to do, instead of reporting it written.
/// </summary>
public sealed class RedisReplicaAcknowledgementTests(RedisStorageFixture fixture) : StorageSuite<RedisStorageFixture>(fixture)
{
    [SkippableFact]
    public async Task Without_a_replica_an_opt_out_is_refused_as_unacknowledged_and_a_retry_is_safe()
    {
        await using var store = Fixture.CreateStore(services => services.PostConfigure<RedisStorageOptions>(o =>
        {
            o.ReplicaAcknowledgements = 1;
            o.ReplicaAcknowledgementTimeout = TimeSpan.FromMilliseconds(100);
        }));
        var optOut = Events.OptOut(Acme, TestNumbers.Us(1), store.Time.GetUtcNow());

        var write = () => store.Suppression.ApplyAsync(optOut, []);

        (await write.Should().ThrowAsync<TimeoutException>()).WithMessage("*has the change but 0 of the 1 replicas asked for (RedisStorageOptions.ReplicaAcknowledgements) acknowledged it within 100 ms*Retry*");
        (await store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(1))).Should().BeTrue("the master applied it");
        await write.Should().ThrowAsync<TimeoutException>("a retry is a duplicate on the master, and still unacknowledged");
        (await store.HistoryAsync(Acme, TestNumbers.Us(1))).Should().ContainSingle("the retry did not write the event twice");
    }
}
