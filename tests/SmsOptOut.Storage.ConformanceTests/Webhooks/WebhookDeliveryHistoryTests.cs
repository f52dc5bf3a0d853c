using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests.Webhooks;

/// <summary>
/// The contract of <see cref="IWebhookDeliveryHistory"/>: the account's attempted messages, the most recent attempt
/// first, whatever their state; never-attempted ones, other accounts' and erased ones left out.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.WebhookDeliveryHistory)]
public abstract class WebhookDeliveryHistoryTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Attempted_messages_come_newest_first_in_any_state()
    {
        await using var store = Fixture.CreateStore();
        var history = store.Services.GetRequiredService<IWebhookDeliveryHistory>();
        var now = store.Time.GetUtcNow();
        var delivered = await store.OweWebhookAsync(Acme, TestNumbers.Us(1));
        var retried = await store.OweWebhookAsync(Acme, TestNumbers.Us(2));
        var dead = await store.OweWebhookAsync(Acme, TestNumbers.Us(3));
        var untouched = await store.OweWebhookAsync(Acme, TestNumbers.Us(4), now.AddHours(1));
        await store.OweWebhookAsync(Globex, TestNumbers.Us(5));
        var claimed = await store.Outbox.ClaimDueAsync("d", now, TimeSpan.FromMinutes(1), 10);
        await AttemptAsync(store, claimed, dead.Id, OutboxMessageState.DeadLettered, now.AddSeconds(1), "HTTP 500");
        await AttemptAsync(store, claimed, delivered.Id, OutboxMessageState.Delivered, now.AddSeconds(3), null);
        await AttemptAsync(store, claimed, retried.Id, OutboxMessageState.Pending, now.AddSeconds(2), "timeout");

        var recent = await history.GetRecentAttemptsAsync(Acme, 10);
        var two = await history.GetRecentAttemptsAsync(Acme, 2);

        recent.Select(m => (m.Id, m.State, m.LastError)).Should().Equal(
            (delivered.Id, OutboxMessageState.Delivered, (string?)null), (retried.Id, OutboxMessageState.Pending, "timeout"), (dead.Id, OutboxMessageState.DeadLettered, "HTTP 500"));
        recent.Should().NotContain(m => m.Id == untouched.Id);
        recent[0].LastAttemptAt.Should().Be(now.AddSeconds(3));
        two.Select(m => m.Id).Should().Equal(delivered.Id, retried.Id);
    }

    [SkippableFact]
    public virtual async Task Erased_numbers_leave_no_trace_and_bad_arguments_are_refused()
    {
        await using var store = Fixture.CreateStore();
        var history = store.Services.GetRequiredService<IWebhookDeliveryHistory>();
        var now = store.Time.GetUtcNow();
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(7));
        var claimed = await store.Outbox.ClaimDueAsync("d", now, TimeSpan.FromMinutes(1), 10);
        await AttemptAsync(store, claimed, message.Id, OutboxMessageState.Delivered, now, null);

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(7), "ticket-1", "asked") { Account = Acme });

        (await history.GetRecentAttemptsAsync(Acme, 10)).Should().BeEmpty();
        await FluentActions.Awaiting(() => history.GetRecentAttemptsAsync(Acme, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => history.GetRecentAttemptsAsync(Acme, 501)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => history.GetRecentAttemptsAsync(default, 10)).Should().ThrowAsync<ArgumentException>();
    }

    private static async Task AttemptAsync(TestStore store, IReadOnlyList<OutboxMessage> claimed, string id, OutboxMessageState state, DateTimeOffset at, string? error)
    {
        var message = claimed.Single(m => m.Id == id);
        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(id, "d", state, message.Attempts + 1, at, at.AddMinutes(5), error))).Should().BeTrue();
    }
}
