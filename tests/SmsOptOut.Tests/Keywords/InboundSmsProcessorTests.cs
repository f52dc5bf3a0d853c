using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Keywords;

public sealed class InboundSmsProcessorTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+4917612345678");
    private static readonly PhoneNumber TollFree = PhoneNumber.Parse("+18005550100");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
    private readonly RecordingTransport _transport = new();
    private readonly ServiceProvider _services;
    private int _messageIds;

    public InboundSmsProcessorTests() : this(_ => { })
    {
    }

    private InboundSmsProcessorTests(Action<SmsOptOutOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISmsTransport>(_transport);
        services.AddSmsOptOut(configure).UseInMemory();
        _services = services.BuildServiceProvider();
    }

    private IInboundSmsProcessor Processor => _services.GetRequiredService<IInboundSmsProcessor>();

    private ISuppressionStore Store => _services.GetRequiredService<ISuppressionStore>();

    [Fact]
    public async Task A_text_no_signature_covers_is_taken_as_an_opt_out_or_help_but_never_as_an_opt_in()
    {
        await Processor.ProcessAsync(Inbound("STOP"));
        _time.Advance(TimeSpan.FromDays(1));

        var start = await Processor.ProcessAsync(Inbound("START") with { TextAuthenticated = false });
        var yes = await Processor.ProcessAsync(Inbound("YES") with { TextAuthenticated = false, ProviderClassification = KeywordClass.OptIn });
        var help = await Processor.ProcessAsync(Inbound("HELP") with { TextAuthenticated = false });
        var stopAgain = await Processor.ProcessAsync(Inbound("unsubscribe") with { TextAuthenticated = false });

        start.Consent.Should().BeNull();
        start.NoReplyReason.Should().Contain("does not cover the text");
        yes.Consent.Should().BeNull();
        (await Store.IsSuppressedAsync(Acme, Person)).Should().BeTrue("no opt-in is taken from a text anyone could have written");
        help.Reply.Should().NotBeNullOrEmpty("help does no harm");
        stopAgain.Match.Class.Should().Be(KeywordClass.OptOut);
        (await Processor.ProcessAsync(Inbound("START"))).Consent!.Changed.Should().BeTrue("a signed START still opts in");
    }

    [Fact]
    public async Task A_message_the_provider_classified_as_STOP_is_an_opt_out_with_that_evidence()
    {
        var result = await Processor.ProcessAsync(Inbound("Halt bitte") with { ProviderName = "twilio", ProviderClassification = KeywordClass.OptOut });
        var start = await Processor.ProcessAsync(Inbound("STOP") with { ProviderClassification = KeywordClass.OptIn });

        result.Match.Class.Should().Be(KeywordClass.OptOut);
        result.Consent!.Status.Should().Be(ConsentApplyStatus.Applied);
        (await Store.GetHistoryAsync(Acme, Person).ToListAsync()).First().Evidence.Note.Should().Be("twilio classified the message as an opt-out");
        start.Match.Class.Should().Be(KeywordClass.OptOut, "an opt-out the keyword lists found is never turned into an opt-in");
    }

    [Fact]
    public async Task STOP_opts_out_account_wide_with_its_evidence_and_one_confirmation()
    {
        var result = await Processor.ProcessAsync(Inbound("Stop."));

        result.Match.Class.Should().Be(KeywordClass.OptOut);
        result.Consent!.Status.Should().Be(ConsentApplyStatus.Applied);
        result.ReplySent.Should().BeTrue();
        (await Store.IsSuppressedAsync(Acme, Person)).Should().BeTrue();
        var e = (await Store.GetHistoryAsync(Acme, Person).ToListAsync()).Single();
        e.Source.Should().Be(OptOutSource.Keyword);
        e.Scope.Should().Be(SuppressionScope.Account);
        e.OccurredAt.Should().Be(_time.GetUtcNow());
        e.Evidence.Should().BeEquivalentTo(new ConsentEvidence { MessageText = "Stop.", ProviderMessageId = "SM0001", ProviderName = "twilio" });
        var reply = _transport.Sent.Should().ContainSingle().Subject;
        reply.To.Should().Be(Person);
        reply.From.Should().Be((SenderAddress)TollFree);
        reply.Body.Should().Be("acme: You are unsubscribed and will get no more messages. Reply START to resubscribe.", "without a brand the account id names the sender")
            .And.NotContainAny("sale", "offer", "%");
    }

    [Fact]
    public async Task The_same_number_sending_STOP_five_times_at_once_yields_one_opt_out_and_one_confirmation()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Processor.ProcessAsync(Inbound("STOP")))));

        results.Count(r => r.Consent!.Status == ConsentApplyStatus.Applied).Should().Be(1);
        results.Count(r => r.ReplySent).Should().Be(1);
        _transport.Sent.Should().ContainSingle();
        (await Store.GetHistoryAsync(Acme, Person).ToListAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_repeated_STOP_is_answered_at_most_once_per_quiet_period()
    {
        await Processor.ProcessAsync(Inbound("STOP"));
        _time.Advance(TimeSpan.FromHours(1));
        (await Processor.ProcessAsync(Inbound("stop"))).NoReplyReason.Should().Contain("quiet period");

        _time.Advance(TimeSpan.FromHours(24));
        (await Processor.ProcessAsync(Inbound("STOP"))).ReplySent.Should().BeTrue("the quiet period after the opt-out has passed");
        _time.Advance(TimeSpan.FromMinutes(1));
        (await Processor.ProcessAsync(Inbound("STOP"))).ReplySent.Should().BeFalse("it was just answered");

        _transport.Sent.Should().HaveCount(2);
        (await Store.GetHistoryAsync(Acme, Person).ToListAsync()).Should().ContainSingle("repeats record nothing");
    }

    [Fact]
    public async Task No_reply_is_sent_outside_the_five_minute_window_but_the_opt_out_is_recorded()
    {
        var late = Inbound("STOP") with { ReceivedAt = _time.GetUtcNow().AddMinutes(-6) };

        var result = await Processor.ProcessAsync(late);

        result.Consent!.Changed.Should().BeTrue();
        result.ReplySent.Should().BeFalse();
        result.NoReplyReason.Should().Contain("reply window");
        _transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_redelivered_webhook_is_a_duplicate_and_gets_no_second_reply()
    {
        var message = Inbound("STOP");
        await Processor.ProcessAsync(message);

        var again = await Processor.ProcessAsync(message);

        again.Consent!.Status.Should().Be(ConsentApplyStatus.Duplicate);
        again.ReplySent.Should().BeFalse();
        _transport.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task HELP_is_answered_even_for_an_opted_out_number()
    {
        await Processor.ProcessAsync(Inbound("STOP"));

        var help = await Processor.ProcessAsync(Inbound("Help"));

        help.Match.Class.Should().Be(KeywordClass.Help);
        help.ReplySent.Should().BeTrue();
        _transport.Sent.Last().Body.Should().Be("acme: Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.", "without a contact, \"Help at {contact}.\" is left out");
        (await Store.IsSuppressedAsync(Acme, Person)).Should().BeTrue("HELP changes nothing");
    }

    [Fact]
    public async Task START_re_subscribes_and_confirms_but_only_when_opted_out()
    {
        (await Processor.ProcessAsync(Inbound("START"))).NoReplyReason.Should().Be("was not opted out");
        await Processor.ProcessAsync(Inbound("STOP"));

        var start = await Processor.ProcessAsync(Inbound("Start"));

        start.Consent!.Changed.Should().BeTrue();
        start.ReplySent.Should().BeTrue();
        _transport.Sent.Last().Body.Should().Be("acme: Subscribed again. Msg freq varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel.", "without a contact configured the Info: label goes too");
        (await Store.IsSuppressedAsync(Acme, Person)).Should().BeFalse();
    }

    [Fact]
    public async Task An_ordinary_reply_changes_nothing_and_is_not_answered()
    {
        var result = await Processor.ProcessAsync(Inbound("Don't stop the deliveries"));

        result.Match.Class.Should().Be(KeywordClass.None);
        result.Consent.Should().BeNull();
        _transport.Sent.Should().BeEmpty();
        (await Store.IsSuppressedAsync(Acme, Person)).Should().BeFalse();
    }

    [Fact]
    public async Task The_caller_can_deliver_the_reply_itself()
    {
        var result = await Processor.ProcessAsync(Inbound("STOP"), InboundReplyDelivery.Caller);

        result.Reply.Should().StartWith("acme: You are unsubscribed");
        result.ReplySent.Should().BeFalse();
        _transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Scope_per_sending_number_suppresses_only_that_number()
    {
        await using var scoped = new InboundSmsProcessorTestsScoped(o => o.Keywords.Scope = KeywordScope.SendingNumber);
        var processor = scoped.Services.GetRequiredService<IInboundSmsProcessor>();
        var store = scoped.Services.GetRequiredService<ISuppressionStore>();

        await processor.ProcessAsync(new InboundSms(Acme, Person, TollFree, "STOP", scoped.Now));

        (await store.IsSuppressedAsync(Acme, Person)).Should().BeFalse();
        (await store.IsSuppressedAsync(Acme, Person, SendingNumberScope.ListFor(TollFree))).Should().BeTrue();
        (await store.IsSuppressedAsync(Acme, Person, SendingNumberScope.ListFor(PhoneNumber.Parse("+18005550199")))).Should().BeFalse();
    }

    [Fact]
    public async Task Per_account_keyword_options_come_from_the_provider()
    {
        await using var custom = new InboundSmsProcessorTestsScoped(_ => { }, s => s.AddSingleton<IKeywordOptionsProvider>(new PerAccountKeywords()));
        var processor = custom.Services.GetRequiredService<IInboundSmsProcessor>();

        (await processor.ProcessAsync(new InboundSms(new AccountId("strict-co"), Person, TollFree, "please stop", custom.Now))).Match.Class.Should().Be(KeywordClass.None);
        (await processor.ProcessAsync(new InboundSms(Acme, Person, TollFree, "please stop", custom.Now))).Match.Class.Should().Be(KeywordClass.OptOut);
    }

    [Fact]
    public async Task An_inbound_message_without_numbers_is_refused()
    {
        await FluentActions.Awaiting(() => Processor.ProcessAsync(new InboundSms(Acme, default, TollFree, "STOP", _time.GetUtcNow())))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*sender's number*");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private InboundSms Inbound(string body) => new(Acme, Person, TollFree, body, _time.GetUtcNow())
    {
        ProviderMessageId = $"SM{Interlocked.Increment(ref _messageIds):D4}",
        ProviderName = "twilio",
    };

    private sealed class PerAccountKeywords : IKeywordOptionsProvider
    {
        private readonly KeywordOptions _strict = new() { Matching = KeywordMatching.Strict };
        private readonly KeywordOptions _lenient = new();

        public ValueTask<KeywordOptions> GetOptionsAsync(AccountId account, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(account.Value == "strict-co" ? _strict : _lenient);
    }

    private sealed class InboundSmsProcessorTestsScoped : IAsyncDisposable
    {
        public InboundSmsProcessorTestsScoped(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<ISmsTransport>(new RecordingTransport());
            services.AddSmsOptOut(configure).UseInMemory();
            more?.Invoke(services);
            Services = services.BuildServiceProvider();
        }

        public ServiceProvider Services { get; }

        public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }
}
