using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>
/// The contract of pauses (<see cref="ISuppressionPauses"/>, <see cref="ConsentEvent.PausedUntil"/>): a pause suppresses
/// as an opt-out does and is listed once ended; the opt-in that ends it lifts that pause alone and only while it is still
/// the number's suppression; a lasting opt-out makes a pause permanent and a pause never weakens one; a list left while
/// paused stays left.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Pauses)]
public abstract class SuppressionPauseTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [SkippableFact]
    public virtual async Task A_pause_suppresses_like_an_opt_out_and_keeps_its_end()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        var now = store.Time.GetUtcNow();
        var result = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink) { PausedUntil = now + Month });

        result.Changed.Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Newsletter)).Should().BeTrue();
        var flags = new bool[2];
        (await store.Suppression.FilterAsync(Acme, Offers, new[] { number, TestNumbers.Us(2) }, flags)).Should().Be(1);
        flags.Should().Equal(true, false);
        (await store.HistoryAsync(Acme, number)).Should().ContainSingle().Which.PausedUntil.Should().Be(now + Month);
        (await store.Suppression.GetSuppressedAsync(Acme, SuppressionCursor.Start, 10)).Should().ContainSingle()
            .Which.PausedUntil.Should().Be(now + Month);
    }

    [SkippableFact]
    public virtual async Task Only_pauses_that_have_ended_are_listed_earliest_first()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await PauseAsync(store, TestNumbers.Us(1), now + TimeSpan.FromDays(3));
        await PauseAsync(store, TestNumbers.Us(2), now + TimeSpan.FromDays(1));
        await PauseAsync(store, TestNumbers.Us(3), now + TimeSpan.FromDays(9));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(4), OptOutSource.Keyword));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(5), OptOutSource.Api) { Scope = SuppressionScope.List, List = Newsletter });
        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, TestNumbers.Us(6), OptOutSource.Api) { PausedUntil = now + TimeSpan.FromDays(1) });

        (await Pauses(store).GetEndedPausesAsync(Acme, now, 10)).Should().BeEmpty();
        var ended = await Pauses(store).GetEndedPausesAsync(Acme, now + TimeSpan.FromDays(3), 10);
        ended.Select(p => p.Number).Should().Equal(TestNumbers.Us(2), TestNumbers.Us(1));
        ended.Should().AllSatisfy(p => p.List.Should().BeNull());
        ended[0].PausedUntil.Should().Be(now + TimeSpan.FromDays(1));
        ended[0].Source.Should().Be(OptOutSource.OptOutLink);
        (await Pauses(store).GetEndedPausesAsync(Acme, now + TimeSpan.FromDays(3), 1)).Select(p => p.Number).Should().Equal(TestNumbers.Us(2));
        (await Pauses(store).GetEndedPausesAsync(Acme, now + TimeSpan.FromDays(1) - TimeSpan.FromTicks(1), 10)).Should().BeEmpty("a pause is never read as ended early");
    }

    [SkippableFact]
    public virtual async Task Ending_a_pause_lifts_it_but_keeps_the_lists_left_while_paused()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        var now = store.Time.GetUtcNow();
        var pause = await PauseAsync(store, number, now + Month);
        (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink) { Scope = SuppressionScope.List, List = Newsletter }))
            .Changed.Should().BeTrue("leaving a list while paused is recorded, so it holds after the pause");

        store.Time.Advance(Month);
        var end = EndOf(pause, store.Time.GetUtcNow());
        (await store.Suppression.ApplyAsync(end, [])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.ApplyAsync(end, [])).Should().Be(ConsentApplyStatus.Duplicate);

        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Offers)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Newsletter)).Should().BeTrue();
        (await Pauses(store).GetEndedPausesAsync(Acme, store.Time.GetUtcNow(), 10)).Should().BeEmpty();
        (await store.HistoryAsync(Acme, number)).Select(e => (e.Kind, e.Reverts)).Should().Equal(
            (ConsentKind.OptOut, null), (ConsentKind.OptOut, null), (ConsentKind.OptIn, pause.EventId));
    }

    [SkippableFact]
    public virtual async Task A_lasting_opt_out_makes_a_pause_permanent_and_its_end_then_changes_nothing()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        var now = store.Time.GetUtcNow();
        var pause = await PauseAsync(store, number, now + Month);

        store.Time.Advance(TimeSpan.FromDays(1));
        (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.Keyword))).Changed.Should().BeTrue();
        var held = (await store.Suppression.GetSuppressedAsync(Acme, SuppressionCursor.Start, 10)).Should().ContainSingle().Subject;
        held.PausedUntil.Should().BeNull();
        held.Source.Should().Be(OptOutSource.Keyword);

        store.Time.Advance(Month);
        (await Pauses(store).GetEndedPausesAsync(Acme, store.Time.GetUtcNow(), 10)).Should().BeEmpty();
        (await store.Suppression.ApplyAsync(EndOf(pause, store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.AlreadyInState);
        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task A_pause_never_weakens_an_opt_out_and_a_new_pause_moves_the_end()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.OptOutLink) { PausedUntil = now + Month })).Status
            .Should().Be(ConsentApplyStatus.AlreadyInState);
        (await Pauses(store).GetEndedPausesAsync(Acme, now + Month, 10)).Should().BeEmpty();

        await PauseAsync(store, TestNumbers.Us(2), now + Month);
        var longer = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.OptOutLink) { PausedUntil = now + (2 * Month) });
        longer.Changed.Should().BeTrue();
        (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.OptOutLink) { PausedUntil = now + (2 * Month) })).Status
            .Should().Be(ConsentApplyStatus.AlreadyInState);
        (await Pauses(store).GetEndedPausesAsync(Acme, now + Month, 10)).Should().BeEmpty();
        (await Pauses(store).GetEndedPausesAsync(Acme, now + (2 * Month), 10)).Should().ContainSingle().Which.EventId.Should().Be(longer.Event.EventId);
    }

    [SkippableFact]
    public virtual async Task An_opt_in_that_reverts_an_opt_out_lifts_it_alone_and_only_while_it_is_the_suppression()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink) { Scope = SuppressionScope.List, List = Newsletter });
        var optOut = (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink))).Event;
        var stale = Events.OptIn(Acme, number, store.Time.GetUtcNow(), id: "revert-stale") with { Reverts = "evt_someone_else" };

        (await store.Suppression.ApplyAsync(stale, [])).Should().Be(ConsentApplyStatus.AlreadyInState, "it names another opt-out");
        (await store.OptOut.OptInAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink) { Reverts = optOut.EventId })).Changed.Should().BeTrue();

        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Newsletter)).Should().BeTrue("a list left stays left");
        (await store.HistoryAsync(Acme, number)).Last().Reverts.Should().Be(optOut.EventId);
    }

    [SkippableFact]
    public virtual async Task An_opt_in_lifts_a_pause_at_once()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        await PauseAsync(store, number, store.Time.GetUtcNow() + Month);

        (await store.OptOut.OptInAsync(new ConsentRequest(Acme, number, OptOutSource.Keyword))).Changed.Should().BeTrue();

        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
        (await Pauses(store).GetEndedPausesAsync(Acme, store.Time.GetUtcNow() + Month, 10)).Should().BeEmpty();
    }

    [SkippableFact]
    public virtual async Task An_erased_paused_number_stays_suppressed_and_no_pause_is_left_to_end()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        await PauseAsync(store, number, store.Time.GetUtcNow() + Month);
        _ = store.DataSubjects;

        await store.DataSubjectService.EraseAsync(new ErasureRequest(number, "ticket-1", "GDPR Art. 17") { Account = Acme });

        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeTrue("erasure keeps a person suppressed, a paused one for good");
        (await Pauses(store).GetEndedPausesAsync(Acme, store.Time.GetUtcNow() + Month, 10)).Should().BeEmpty();
    }

    private static ISuppressionPauses Pauses(TestStore store) => store.Claimed<ISuppressionPauses>();

    private static async Task<ConsentEvent> PauseAsync(TestStore store, Numbers.PhoneNumber number, DateTimeOffset until)
    {
        var result = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.OptOutLink) { PausedUntil = until });
        result.Changed.Should().BeTrue();
        return result.Event;
    }

    private static ConsentEvent EndOf(ConsentEvent pause, DateTimeOffset at) =>
        Events.OptIn(Acme, pause.Number, at, id: "pause-end:" + pause.EventId) with { Source = pause.Source, Reverts = pause.EventId };
}
