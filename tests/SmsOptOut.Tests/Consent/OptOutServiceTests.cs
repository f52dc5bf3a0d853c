using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Consent;

public sealed class OptOutServiceTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
    private readonly RecordingObserver _observer = new();
    private readonly ServiceProvider _services;

    public OptOutServiceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConsentEventObserver>(new RecordingObserver(fail: true));
        services.AddSingleton<IConsentEventObserver>(_observer);
        services.AddSmsOptOut().UseInMemory();
        _services = services.BuildServiceProvider();
    }

    private IOptOutService Service => _services.GetRequiredService<IOptOutService>();

    private ISuppressionStore Store => _services.GetRequiredService<ISuppressionStore>();

    [Fact]
    public async Task OptOut_twice_records_one_event()
    {
        var first = await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Api));
        var second = await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Keyword));

        first.Status.Should().Be(ConsentApplyStatus.Applied);
        second.Status.Should().Be(ConsentApplyStatus.AlreadyInState);
        second.Changed.Should().BeFalse();
        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeTrue();
        var history = await Store.GetHistoryAsync(Acme, Number).ToListAsync();
        history.Should().ContainSingle().Which.EventId.Should().Be(first.Event.EventId);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_a_duplicate_even_after_an_opt_in()
    {
        var request = new ConsentRequest(Acme, Number, OptOutSource.Keyword) { IdempotencyKey = "twilio:SM0001" };
        (await Service.OptOutAsync(request)).Status.Should().Be(ConsentApplyStatus.Applied);
        await Service.OptInAsync(new ConsentRequest(Acme, Number, OptOutSource.Keyword));

        var replay = await Service.OptOutAsync(request);

        replay.Status.Should().Be(ConsentApplyStatus.Duplicate);
        replay.Event.EventId.Should().Be("twilio:SM0001");
        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeFalse("a redelivered STOP must not undo the later START");
    }

    [Fact]
    public async Task The_event_carries_the_request_and_the_clock()
    {
        var occurred = _time.GetUtcNow().AddSeconds(-40);
        _time.Advance(TimeSpan.FromSeconds(5));
        var evidence = new ConsentEvidence { MessageText = "STOP", ProviderMessageId = "SM1", ProviderName = "twilio" };

        var result = await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Keyword)
        {
            Scope = SuppressionScope.List,
            List = new ListId("news"),
            Campaign = new CampaignId("c1"),
            Evidence = evidence,
            OccurredAt = occurred,
        });

        result.Event.Should().BeEquivalentTo(new
        {
            Account = Acme, Number, Kind = ConsentKind.OptOut, Source = OptOutSource.Keyword, Scope = SuppressionScope.List,
            List = (ListId?)new ListId("news"), Campaign = (CampaignId?)new CampaignId("c1"), Evidence = evidence,
            OccurredAt = occurred, RecordedAt = _time.GetUtcNow(),
        });
        result.Event.EventId.Should().StartWith("evt_").And.HaveLength(36);
    }

    [Fact]
    public async Task Observers_hear_each_applied_event_once_and_a_failing_observer_changes_nothing()
    {
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Api));
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Api));
        await Service.OptInAsync(new ConsentRequest(Acme, Number, OptOutSource.Api));

        _observer.Events.Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
    }

    [Fact]
    public async Task Incomplete_requests_are_refused_before_anything_is_written()
    {
        await FluentActions.Awaiting(() => Service.OptOutAsync(new ConsentRequest(Acme, default, OptOutSource.Api)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*no phone number*");
        await FluentActions.Awaiting(() => Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Api) { Scope = SuppressionScope.List }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*list-scoped but names no list*");
        await FluentActions.Awaiting(() => Service.OptOutAsync(new ConsentRequest(default, Number, OptOutSource.Api)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*no account*");
        await FluentActions.Awaiting(() => Service.OptOutAsync(new ConsentRequest(Acme, Number, (OptOutSource)99)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*99*");
        await FluentActions.Awaiting(() => Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Api) { IdempotencyKey = new string('k', 201) }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*idempotency key*");

        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeFalse();
    }

    [Fact]
    public async Task Each_request_is_counted_by_kind_source_and_outcome()
    {
        var meterFactory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var collector = new MetricCollector<long>(meterFactory, SmsOptOutDiagnostics.MeterName, "smsoptout.consent.requests");

        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.OptOutLink));
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.OptOutLink));

        var measurements = collector.GetMeasurementSnapshot();
        measurements.Should().HaveCount(2);
        measurements[0].Tags.Should().Contain(new KeyValuePair<string, object?>("smsoptout.outcome", "applied"))
            .And.Contain(new KeyValuePair<string, object?>("smsoptout.source", "link"));
        measurements[1].Tags.Should().Contain(new KeyValuePair<string, object?>("smsoptout.outcome", "already_in_state"));
    }

    [Fact]
    public async Task Many_opt_outs_are_applied_in_one_batch_with_one_result_each()
    {
        var requests = Enumerable.Range(0, 3).Select(i => new ConsentRequest(Acme, PhoneNumber.FromValue(4_917_612_345_670UL + (ulong)i), OptOutSource.Import)
        {
            Evidence = new ConsentEvidence { Note = "import.csv line " + i },
        }).Append(new ConsentRequest(Acme, PhoneNumber.FromValue(4_917_612_345_670UL), OptOutSource.Import)).ToArray();

        var results = await Service.OptOutManyAsync(requests);

        results.Select(r => r.Status).Should().Equal(ConsentApplyStatus.Applied, ConsentApplyStatus.Applied, ConsentApplyStatus.Applied, ConsentApplyStatus.AlreadyInState);
        _observer.Events.Should().HaveCount(3);
        (await Store.IsSuppressedAsync(Acme, PhoneNumber.FromValue(4_917_612_345_672UL))).Should().BeTrue();
        await FluentActions.Awaiting(() => Service.OptOutManyAsync([new ConsentRequest(Acme, default, OptOutSource.Import)]))
            .Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_batch_of_account_wide_opt_outs_revokes_the_consent_of_its_numbers_and_every_observer_sees_each_event()
    {
        var optIns = _services.GetRequiredService<SmsOptOut.OptIn.IOptInStore>();
        var numbers = Enumerable.Range(0, 4).Select(i => PhoneNumber.FromValue(4_917_612_345_680UL + (ulong)i)).ToArray();
        foreach (var number in numbers)
        {
            await optIns.RecordOptInAsync(Acme, number, new SmsOptOut.OptIn.OptInGrant(_time.GetUtcNow(), ConsentEvidence.None));
        }

        var results = await Service.OptOutManyAsync(
        [
            new ConsentRequest(Acme, numbers[0], OptOutSource.Import),
            new ConsentRequest(Acme, numbers[1], OptOutSource.Import),
            new ConsentRequest(Acme, numbers[2], OptOutSource.Import) { Scope = SuppressionScope.List, List = new ListId("promos") },
        ]);

        results.Should().OnlyContain(r => r.Status == ConsentApplyStatus.Applied);
        (await optIns.GetAsync(Acme, numbers[0])).Should().BeNull("an account-wide opt-out of the batch revokes consent");
        (await optIns.GetAsync(Acme, numbers[1])).Should().BeNull();
        (await optIns.GetAsync(Acme, numbers[2])).Should().NotBeNull("leaving one list keeps the consent to the others");
        (await optIns.GetAsync(Acme, numbers[3])).Should().NotBeNull("a number outside the batch keeps its consent");
        _observer.Events.Select(e => e.Number).Should().Equal([numbers[0], numbers[1], numbers[2]], "an observer registered after a failing one still sees each event once, in order");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
