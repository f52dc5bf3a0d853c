using FluentAssertions;
using SmsOptOut.Keywords;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Keywords;

/// <summary>The contract of <see cref="IKeywordReplyLedger"/>.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class KeywordReplyLedgerTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan Quiet = TimeSpan.FromHours(24);

    [SkippableFact]
    public virtual async Task A_reply_is_recorded_once_per_quiet_period()
    {
        await using var store = Fixture.CreateStore();
        var ledger = store.ReplyLedger;
        var number = TestNumbers.Us(1);
        var now = store.Time.GetUtcNow();

        (await ledger.TryRecordReplyAsync(Acme, number, now, Quiet)).Should().BeTrue();
        (await ledger.TryRecordReplyAsync(Acme, number, now.AddHours(23), Quiet)).Should().BeFalse();
        (await ledger.TryRecordReplyAsync(Acme, number, now.AddHours(24), Quiet)).Should().BeTrue("exactly one quiet period later");
        (await ledger.TryRecordReplyAsync(Acme, number, now.AddHours(25), Quiet)).Should().BeFalse("the reply at 24 h starts a new quiet period");
        (await ledger.TryRecordReplyAsync(Acme, number, now.AddHours(25), TimeSpan.Zero)).Should().BeTrue("a zero quiet period always allows");
    }

    [SkippableFact]
    public virtual async Task Numbers_and_accounts_are_independent()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        (await store.ReplyLedger.TryRecordReplyAsync(Acme, TestNumbers.Us(1), now, Quiet)).Should().BeTrue();
        (await store.ReplyLedger.TryRecordReplyAsync(Acme, TestNumbers.Us(2), now, Quiet)).Should().BeTrue();
        (await store.ReplyLedger.TryRecordReplyAsync(Globex, TestNumbers.Us(1), now, Quiet)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task Concurrent_attempts_record_exactly_one_reply()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            store.ReplyLedger.TryRecordReplyAsync(Acme, TestNumbers.Us(3), now, Quiet))));

        results.Count(r => r).Should().Be(1);
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        await FluentActions.Awaiting(() => store.ReplyLedger.TryRecordReplyAsync(default, TestNumbers.Us(1), now, Quiet)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.ReplyLedger.TryRecordReplyAsync(Acme, default, now, Quiet)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.ReplyLedger.TryRecordReplyAsync(Acme, TestNumbers.Us(1), now, TimeSpan.FromSeconds(-1)))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
