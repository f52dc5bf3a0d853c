using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Privacy;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.OptIn;

/// <summary>
/// Double opt-in through the services over each store: a sign-up sends the confirmation text, a YES confirms it (lifting
/// an earlier opt-out), STOP before YES withdraws it, a list send that requires confirmed consent skips the rest, and
/// erasure and access cover the record.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.OptIns)]
public abstract class DoubleOptInFlowTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly PhoneNumber Shortcode = PhoneNumber.Parse("+18885550100");

    [SkippableFact]
    public virtual async Task A_sign_up_a_confirmation_text_and_a_yes_make_a_confirmed_opt_in_that_a_list_send_requires()
    {
        var transport = new CapturingTransport();
        await using var store = Fixture.CreateStore(services => services.AddSingleton<ISmsTransport>(transport));
        var optIns = store.Services.GetRequiredService<IOptInService>();
        var (confirmed, pending, none) = (TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3));

        var result = await optIns.RequestOptInAsync(new OptInRequest(Acme, confirmed) { Evidence = OptInStoreTests<TFixture>.FormEvidence, From = Shortcode });
        await optIns.RequestOptInAsync(new OptInRequest(Acme, pending) { Evidence = OptInStoreTests<TFixture>.FormEvidence, From = Shortcode });
        store.Time.Advance(TimeSpan.FromMinutes(3));
        var yes = await Inbound(store).ProcessAsync(Reply(store, confirmed, "Yes!"), InboundReplyDelivery.Caller);

        result.Should().Match<OptInRequestResult>(r => r.Outcome == OptInRequestOutcome.Saved && r.Sent && r.ExpiresAt == TestStore.Epoch.AddHours(24));
        transport.Sent.Should().HaveCount(2).And.OnlyContain(m => m.Body == result.ConfirmationText && m.From == Shortcode);
        result.ConfirmationText.Should().StartWith("acme: Reply YES");
        yes.OptIn!.Level.Should().Be(OptInLevel.Confirmed);
        yes.Reply.Should().StartWith("acme: You're subscribed. Msg freq varies.");
        var record = await optIns.GetAsync(Acme, confirmed);
        record!.Request!.Evidence.Should().Be(OptInStoreTests<TFixture>.FormEvidence);
        record.Evidence.Should().Match<ConsentEvidence>(e => e.MessageText == "Yes!" && e.ProviderMessageId == $"SM-{confirmed}-Yes!");

        var outcomes = new List<RecipientOutcome>();
        var send = await store.Services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(Acme, Newsletter, "Acme: new arrivals. Reply STOP to opt out") { Consent = ConsentRequirement.ConfirmedOptIn, OnRecipient = Collect(outcomes) },
            new[] { confirmed, pending, none }.Select(n => n.ToString()).ToAsyncEnumerable());

        send.Should().Match<ListSendResult>(r => r.Sent == 1 && r.NoConsent == 2);
        outcomes.Where(o => o.Status == RecipientStatus.NoConsent).Select(o => o.Number).Should().BeEquivalentTo([pending, none]);
        transport.Sent.Last().To.Should().Be(confirmed);
    }

    [SkippableFact]
    public virtual async Task Stop_before_yes_withdraws_the_request_and_an_expired_request_confirms_nothing()
    {
        var transport = new CapturingTransport();
        await using var store = Fixture.CreateStore(services => services.AddSingleton<ISmsTransport>(transport));
        var optIns = store.Services.GetRequiredService<IOptInService>();
        var (stopped, late, optedOutBefore) = (TestNumbers.Us(11), TestNumbers.Us(12), TestNumbers.Us(13));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, optedOutBefore, OptOutSource.Api));
        foreach (var number in new[] { stopped, late, optedOutBefore })
        {
            await optIns.RequestOptInAsync(new OptInRequest(Acme, number) { Evidence = OptInStoreTests<TFixture>.FormEvidence });
        }

        await Inbound(store).ProcessAsync(Reply(store, stopped, "STOP"), InboundReplyDelivery.Caller);
        await Inbound(store).ProcessAsync(Reply(store, optedOutBefore, "stop"), InboundReplyDelivery.Caller);
        store.Time.Advance(TimeSpan.FromHours(25));
        foreach (var number in new[] { stopped, late, optedOutBefore })
        {
            (await Inbound(store).ProcessAsync(Reply(store, number, "YES"), InboundReplyDelivery.Caller)).OptIn.Should().BeNull();
        }

        // YES is also a re-subscribe keyword: after STOP it opts back in (a single opt-in), but confirms no withdrawn request.
        foreach (var number in new[] { stopped, optedOutBefore })
        {
            (await optIns.GetAsync(Acme, number)).Should().Match<OptInRecord>(r => r.Level == OptInLevel.OptedIn && r.Request == null,
                "STOP withdrew the request, even from a number already opted out");
        }

        (await optIns.GetAsync(Acme, late))!.Level.Should().Be(OptInLevel.None, "the request lapsed");
    }

    [SkippableFact]
    public virtual async Task A_yes_from_a_number_that_opted_out_before_lifts_the_opt_out_and_the_log_records_the_confirmation()
    {
        await using var store = Fixture.CreateStore(services => services.AddSingleton<ISmsTransport>(new CapturingTransport()));
        var optIns = store.Services.GetRequiredService<IOptInService>();
        var number = TestNumbers.Us(21);
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, number, OptOutSource.Keyword));
        store.Time.Advance(TimeSpan.FromDays(30));
        await optIns.RequestOptInAsync(new OptInRequest(Acme, number) { Evidence = OptInStoreTests<TFixture>.FormEvidence });

        var yes = await Inbound(store).ProcessAsync(Reply(store, number, "sí"), InboundReplyDelivery.Caller);

        yes.OptIn!.Level.Should().Be(OptInLevel.Confirmed);
        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
        var optIn = (await store.HistoryAsync(Acme, number)).Last();
        optIn.Kind.Should().Be(ConsentKind.OptIn);
        optIn.Evidence.Note.Should().StartWith("Double opt-in confirmed; requested ");
    }

    [SkippableFact]
    public virtual async Task A_sign_up_keyword_is_answered_with_the_confirmation_text_and_erasure_removes_the_record_that_access_reports()
    {
        await using var store = Fixture.CreateStore(services =>
        {
            services.AddSingleton<ISmsTransport>(new CapturingTransport());
            services.Configure<SmsOptOutOptions>(o => o.Keywords.DoubleOptIn.SignUpKeywords.Add("JOIN"));
        });
        var number = TestNumbers.Us(31);

        var join = await Inbound(store).ProcessAsync(Reply(store, number, "join"), InboundReplyDelivery.Caller);
        var again = await Inbound(store).ProcessAsync(Reply(store, number, "JOIN") with { ProviderMessageId = "SM-again" }, InboundReplyDelivery.Caller);
        var yes = await Inbound(store).ProcessAsync(Reply(store, number, "Y"), InboundReplyDelivery.Caller);
        using var access = new MemoryStream();
        await store.DataSubjectService.WriteAccessReportAsync(Acme, number, access);
        var erased = await store.DataSubjectService.EraseAsync(new ErasureRequest(number, "ticket-1", "subject asked"));

        join.Reply.Should().StartWith("acme: Reply YES");
        again.Reply.Should().BeNull();
        again.NoReplyReason.Should().Be("a confirmation was sent moments ago");
        yes.OptIn!.Request!.Evidence.MessageText.Should().Be("join");
        var report = JsonDocument.Parse(access.ToArray()).RootElement.GetProperty("opt_in");
        report.GetProperty("level").GetString().Should().Be("Confirmed");
        report.GetProperty("request").GetProperty("evidence").GetProperty("message_text").GetString().Should().Be("join");
        erased.Records.Should().ContainSingle(r => r.Account == Acme);
        (await store.OptIns.GetAsync(Acme, number)).Should().BeNull();
    }

    private static IInboundSmsProcessor Inbound(TestStore store) => store.Services.GetRequiredService<IInboundSmsProcessor>();

    private static InboundSms Reply(TestStore store, PhoneNumber from, string body) =>
        new(Acme, from, Shortcode, body, store.Time.GetUtcNow()) { ProviderMessageId = $"SM-{from}-{body}", ProviderName = "twilio" };

    private static Func<RecipientOutcome, CancellationToken, ValueTask> Collect(List<RecipientOutcome> outcomes) => (o, _) =>
    {
        lock (outcomes)
        {
            outcomes.Add(o);
        }

        return ValueTask.CompletedTask;
    };
}
