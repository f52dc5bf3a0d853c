using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// What the legacy dataset holds, read back through the storage contracts after it moved. The scenario that wrote it,
/// at <see cref="TestStore.Epoch"/> (t): account <c>acme</c> opted out Us(1) (webhook msg_a1, attempted once and pending
/// again), Us(2) from list news (msg_a2, delivered), Us(3) (msg_a3, dead-lettered), Us(4) (then opted in again) and
/// Us(6) (then erased, ticket-6); <c>globex:eu</c> opted out Us(1) (msg_g1, due t + 1 h). Tokens tokA1 (acme, Us(5),
/// t + 30 d), tokA2 (acme, Us(5), expired t − 1 d), tokG1 (globex:eu, Us(1)). A STOP reply of acme's Us(1) at t. An
/// opt-in of acme's Us(7); a pending double opt-in request of globex:eu's Us(8) (expires t + 1 d). One send to acme's
/// Us(9) under a cap "day". Held messages ds1 (acme, Us(10), t + 2 h) and ds2 (globex:eu, Us(11), claimed). acme's report
/// cursor (t, t + 30 s) and its report claimed by "reporter" for 5 minutes.
/// </summary>
internal static class LegacyLayoutExpectations
{
    private static readonly AccountId Acme = new("acme");
    private static readonly AccountId Globex = new("globex:eu");
    private static readonly DateTimeOffset T = TestStore.Epoch;

    public static async Task AssertMovedAsync(TestStore store)
    {
        var suppression = store.Suppression;
        (await suppression.IsSuppressedAsync(Acme, Us(1))).Should().BeTrue();
        (await suppression.IsSuppressedAsync(Acme, Us(2))).Should().BeFalse("Us(2) opted out of one list only");
        (await suppression.IsSuppressedAsync(Acme, Us(2), new ListId("news"))).Should().BeTrue();
        (await suppression.IsSuppressedAsync(Acme, Us(3))).Should().BeTrue();
        (await suppression.IsSuppressedAsync(Acme, Us(4))).Should().BeFalse("Us(4) opted in again");
        (await store.HistoryAsync(Acme, Us(4))).Select(e => e.EventId).Should().Equal("evt_a4", "evt_a4in");
        (await suppression.IsSuppressedAsync(Acme, Us(6))).Should().BeTrue("an erased number stays suppressed under its pseudonym");
        (await store.HistoryAsync(Acme, Us(6))).Should().BeEmpty();
        (await suppression.IsSuppressedAsync(Globex, Us(1))).Should().BeTrue();
        (await suppression.ApplyAsync(Events.OptOut(Acme, Us(1), T, id: "evt_a1"), [])).Should().Be(ConsentApplyStatus.Duplicate, "event ids moved with their account");

        var erasures = new List<Privacy.ErasureRecord>();
        await foreach (var record in store.DataSubjects.GetErasuresAsync(Acme))
        {
            erasures.Add(record);
        }

        erasures.Should().ContainSingle().Which.RequestId.Should().Be("ticket-6");

        var outbox = store.Outbox;
        var counts = await outbox.CountAsync();
        (counts.Pending, counts.Delivered, counts.DeadLettered).Should().Be((2, 1, 1));
        (await outbox.CountAsync(Globex)).Pending.Should().Be(1);
        (await outbox.FindAsync("msg_g1"))!.Account.Should().Be(Globex);
        var dead = new List<OutboxMessage>();
        await foreach (var message in outbox.GetDeadLettersAsync(Acme))
        {
            dead.Add(message);
        }

        dead.Select(m => (m.Id, m.LastError)).Should().Equal(("msg_a3", "HTTP 500"));
        var claimed = await outbox.ClaimDueAsync("after-move", T.AddHours(2), TimeSpan.FromMinutes(1), 10);
        claimed.Select(m => (m.Id, m.Attempts)).Should().Equal(("msg_a1", 1), ("msg_g1", 0));
        (await outbox.RecordAttemptAsync(new OutboxAttempt("msg_g1", "after-move", OutboxMessageState.Delivered, 1, T.AddHours(2), T.AddHours(2), null))).Should().BeTrue();

        var tokens = store.LinkTokens;
        (await tokens.FindAsync("tokA1", T))!.Target.Number.Should().Be(Us(5));
        (await tokens.FindAsync("tokG1", T))!.Target.Account.Should().Be(Globex);
        (await tokens.DeleteExpiredAsync(T)).Should().Be(1, "tokA2 expired a day before");
        (await store.DataSubjects.GetTokensAsync(Acme, Us(5))).Select(t => t.Token).Should().Equal("tokA1");

        (await store.ReplyLedger.TryRecordReplyAsync(Acme, Us(1), T.AddHours(1), TimeSpan.FromDays(1))).Should().BeFalse("the reply at t is within the quiet period");

        (await store.OptIns.GetAsync(Acme, Us(7)))!.Level.Should().Be(OptIn.OptInLevel.OptedIn);
        (await store.OptIns.FindAccountsAsync(Us(8))).Should().Equal(Globex);
        (await store.OptIns.PurgeExpiredRequestsAsync(T.AddDays(2), 10)).Should().Be(1);

        var reserved = new bool[1];
        (await store.SendLedger.TryReserveAsync(Acme, new[] { Us(9) }, [new SendLimit("day", 2, TimeSpan.FromDays(1))], T.AddMinutes(1), reserved)).Should().Be(1);
        (await store.SendLedger.TryReserveAsync(Acme, new[] { Us(9) }, [new SendLimit("day", 2, TimeSpan.FromDays(1))], T.AddMinutes(2), reserved)).Should().Be(0, "the send before the move counts");

        (await store.HeldMessages.CountAsync()).Should().Be(new DeferredSendCounts(1, 1));
        (await store.HeldMessages.FindAccountsAsync(Us(11))).Should().Equal(Globex);
        (await store.HeldMessages.ClaimDueAsync(T.AddHours(3), 10)).Select(d => (d.Id, d.Account, d.Message)).Should().Equal(("ds1", Acme, "hello"));
        (await store.HeldMessages.CompleteAsync(["ds2"])).Should().Be(1, "ds2 was claimed before the move");

        (await store.ReportCursors.GetAsync(Acme)).Should().Be(new ReportCursor(T, T.AddSeconds(30)));
        (await store.ReportCursors.TryClaimAsync(Acme, "other", T.AddMinutes(1), TimeSpan.FromMinutes(5))).Should().BeFalse("reporter holds the claim until t + 5 min");

        // And the moved store takes new writes next to the old data.
        (await suppression.ApplyAsync(Events.OptOut(Acme, Us(20), T.AddHours(3)), [])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Services.GetRequiredService<ISuppressionCounter>().CountSuppressedAsync(Acme)).Should().Be(4, "Us(1), Us(2) in news, Us(3) and Us(20); Us(6) is held under its pseudonym");
    }

    private static PhoneNumber Us(long index) => TestNumbers.Us(index);
}
