using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Tests.Webhooks;

namespace SmsOptOut.Tests.Sending;

public sealed class SmsSenderTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId Newsletter = new("newsletter");
    private const string Template = "Spring sale at Acme: 20% off. Opt out: {optout}";

    private readonly RecordingTransport _transport = new();
    private ServiceProvider _services;

    public SmsSenderTests() => _services = Build(_ => { });

    private ISmsSender Sender => _services.GetRequiredService<ISmsSender>();

    private IOptOutService OptOut => _services.GetRequiredService<IOptOutService>();

    [Fact]
    public async Task A_10000_recipient_list_yields_exactly_the_expected_counts()
    {
        var random = new Random(6);
        var recipients = new List<string>();
        var unique = Enumerable.Range(0, 9_930).Select(i => 12_125_550_000UL + (ulong)i).ToArray();
        foreach (var value in unique)
        {
            recipients.Add("+" + value.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var value in unique.Take(1_000))
        {
            await OptOut.OptOutAsync(new ConsentRequest(Acme, PhoneNumber.FromValue(value), OptOutSource.Import));
        }

        var formats = new Func<ulong, string>[]
        {
            v => $"({v / 10_000_000 % 1_000}) {v / 10_000 % 1_000}-{v % 10_000:D4}",
            v => $"1-{v / 10_000_000 % 1_000}-{v / 10_000 % 1_000}-{v % 10_000:D4}",
            v => $"+1 {v / 10_000_000 % 1_000} {v / 10_000 % 1_000} {v % 10_000:D4}",
        };
        for (var i = 0; i < 50; i++)
        {
            recipients.Add(formats[i % 3](unique[5_000 + i]));
        }

        for (var i = 0; i < 20; i++)
        {
            recipients.Add(i % 2 == 0 ? $"not a number {i}" : "12345");
        }

        recipients = [.. recipients.OrderBy(_ => random.Next())];
        var outcomes = new List<RecipientOutcome>();

        var result = await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, Template)
        {
            DefaultRegion = "US",
            Campaign = new CampaignId("spring"),
            OnRecipient = (o, _) =>
            {
                outcomes.Add(o);
                return ValueTask.CompletedTask;
            },
        }, recipients.ToAsyncEnumerable());

        result.Should().BeEquivalentTo(new ListSendResult
        {
            Total = 10_000, Sent = 8_930, Suppressed = 1_000, Invalid = 20, Duplicates = 50, Failed = 0, OptedOutAtProvider = 0,
        });
        outcomes.Should().HaveCount(10_000);
        outcomes.Where(o => o.Status == RecipientStatus.Invalid).Should().AllSatisfy(o => o.Error.Should().StartWith("Cannot read"));
        _transport.Sent.Should().HaveCount(8_930);
        _transport.Sent.Select(m => m.To).Should().OnlyHaveUniqueItems().And.NotContain(unique.Take(1_000).Select(PhoneNumber.FromValue));
        var verifier = _services.GetRequiredService<IOptOutLinkVerifier>();
        foreach (var message in _transport.Sent.Take(50))
        {
            var token = message.Body[(message.Body.LastIndexOf('/') + 1)..];
            (await verifier.VerifyAsync(token)).Should().Be(new OptOutLinkTarget(Acme, Newsletter, message.To, new CampaignId("spring")));
        }
    }

    [Fact]
    public async Task An_opt_out_recorded_mid_campaign_stops_the_later_message()
    {
        await ReplaceAsync(o =>
        {
            o.Sending.BatchSize = 50;
            o.Sending.MaxConcurrency = 2;
        });
        _transport.Delay = TimeSpan.FromMilliseconds(2);
        var recipients = Enumerable.Range(0, 1_000).Select(i => $"+1212555{i:D4}").ToArray();
        var late = PhoneNumber.Parse(recipients[900]);
        var optedOut = false;
        _transport.Respond = message =>
        {
            if (!optedOut && _transport.Sent.Count == 10)
            {
                optedOut = true;
                OptOut.OptOutAsync(new ConsentRequest(Acme, late, OptOutSource.Keyword)).GetAwaiter().GetResult();
            }

            return SmsSendResult.Sent("SM");
        };

        var result = await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Hi! Reply STOP to opt out"), recipients.ToAsyncEnumerable());

        optedOut.Should().BeTrue();
        _transport.Sent.Select(m => m.To).Should().NotContain(late);
        result.Sent.Should().Be(999);
        result.Suppressed.Should().Be(1);
    }

    [Fact]
    public async Task Cancellation_stops_cleanly_and_reports_what_was_sent()
    {
        await ReplaceAsync(o => o.Sending.BatchSize = 20);
        using var cts = new CancellationTokenSource();
        _transport.Respond = _ =>
        {
            if (_transport.Sent.Count == 30)
            {
                cts.Cancel();
            }

            return SmsSendResult.Sent("SM");
        };

        var result = await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Reply STOP to opt out"),
            Enumerable.Range(0, 500).Select(i => $"+1212555{i:D4}").ToAsyncEnumerable(), cts.Token);
        var inFlightAtReturn = _transport.InFlight;

        result.Cancelled.Should().BeTrue();
        inFlightAtReturn.Should().Be(0, "every message handed over has finished when the send returns: nothing goes out behind the caller's back");
        result.Sent.Should().Be(_transport.Sent.Count).And.BeLessThan(500);
    }

    [Fact]
    public async Task Enforce_refuses_a_message_without_an_opt_out_mechanism_and_sends_nothing()
    {
        await ReplaceAsync(o => o.Sending.OptOutPolicy = OptOutPolicy.Enforce);
        var recipients = new[] { "+12125550100" }.ToAsyncEnumerable();

        await FluentActions.Awaiting(() => Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Big sale today!"), recipients))
            .Should().ThrowAsync<OptOutMechanismRequiredException>().WithMessage("*{optout}*Reply STOP*");
        _transport.Sent.Should().BeEmpty();

        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Big sale today! Reply STOP to opt out"), recipients)).Sent.Should().Be(1);
        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Big sale today! {optout}"), recipients)).Sent.Should().Be(1);
        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Soldes ! Répondez STOP pour vous désinscrire"), recipients)).Sent.Should().Be(1);
    }

    [Fact]
    public async Task Warn_sends_and_logs()
    {
        await ReplaceAsync(_ => { }, s => s.AddFakeLogging());

        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Big sale today!"), new[] { "+12125550100" }.ToAsyncEnumerable())).Sent.Should().Be(1);

        _services.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("offers no way to opt out"));
    }

    [Fact]
    public async Task A_malformed_template_is_refused_before_anything_is_sent()
    {
        await FluentActions.Awaiting(() => Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Hi {first_name}! {optout}"), new[] { "+12125550100" }.ToAsyncEnumerable()))
            .Should().ThrowAsync<MessageTemplateException>();
        _transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_single_send_refuses_optout_and_suppressed_numbers_with_clear_results()
    {
        await OptOut.OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse("+12125550101"), OptOutSource.Keyword));

        await FluentActions.Awaiting(() => Sender.SendAsync(Acme, "+12125550100", "Your code: 1234. {optout}"))
            .Should().ThrowAsync<OptOutLinkRequiresListException>().WithMessage("*only available when sending to a list*");
        (await Sender.SendAsync(Acme, "+1 212 555 0101", "Your code: 1234")).Status.Should().Be(RecipientStatus.Suppressed);
        await FluentActions.Awaiting(() => Sender.SendAsync(Acme, "call me", "Your code: 1234")).Should().ThrowAsync<PhoneNumberFormatException>();
        var sent = await Sender.SendAsync(Acme, "+12125550100", "Your code: 1234");

        sent.Status.Should().Be(RecipientStatus.Sent);
        _transport.Sent.Should().ContainSingle().Which.Body.Should().Be("Your code: 1234");
    }

    [Fact]
    public async Task A_provider_opt_out_error_is_recorded_through_the_one_service()
    {
        var refused = PhoneNumber.Parse("+12125550107");
        _transport.Respond = m => m.To == refused
            ? new SmsSendResult(SmsSendStatus.RecipientOptedOut) { ProviderErrorCode = "21610", ProviderName = "twilio", ErrorMessage = "Attempt to send to unsubscribed recipient" }
            : SmsSendResult.Sent("SM");

        var result = await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, Template), Enumerable.Range(0, 10).Select(i => $"+1212555010{i}").ToAsyncEnumerable());

        result.Sent.Should().Be(9);
        result.OptedOutAtProvider.Should().Be(1);
        var store = _services.GetRequiredService<ISuppressionStore>();
        (await store.IsSuppressedAsync(Acme, refused)).Should().BeTrue();
        var e = (await store.GetHistoryAsync(Acme, refused).ToListAsync()).Single();
        e.Source.Should().Be(OptOutSource.ProviderError);
        e.Evidence.ProviderErrorCode.Should().Be("21610");
        e.Evidence.ProviderName.Should().Be("twilio");
        e.List.Should().Be(Newsletter);
    }

    [Fact]
    public async Task The_rate_limit_spaces_messages_on_the_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await ReplaceAsync(o => o.Sending.MessagesPerSecond = 2, s => s.AddSingleton<TimeProvider>(time));

        var send = Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Reply STOP to opt out"), Enumerable.Range(0, 5).Select(i => $"+1212555010{i}").ToAsyncEnumerable());
        await Eventually.TrueAsync(() => !_transport.Sent.IsEmpty, "the first message");
        _transport.Sent.Should().HaveCount(1, "the first message goes at once, the next waits for the clock");

        // Move the clock in small steps; however slowly the machine lets the sender run, it never gets ahead of 2/s.
        var elapsed = TimeSpan.Zero;
        while (!send.IsCompleted && elapsed < TimeSpan.FromSeconds(60))
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            elapsed += TimeSpan.FromMilliseconds(100);
            await Task.Delay(10);
            _transport.Sent.Count.Should().BeLessThanOrEqualTo(1 + (int)(elapsed.TotalMilliseconds / 500), $"at most 2 messages per second of clock ({elapsed} in)");
        }

        (await send.WaitAsync(TimeSpan.FromSeconds(5))).Sent.Should().Be(5);
        elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "5 messages at 2 per second take 2 s of clock after the first");
    }

    [Fact]
    public async Task A_keyword_opt_out_per_sending_number_skips_only_sends_from_that_number()
    {
        await ReplaceAsync(o => o.Keywords.Scope = KeywordScope.SendingNumber);
        var person = PhoneNumber.Parse("+12125550100");
        var tollFreeA = PhoneNumber.Parse("+18005550100");
        var tollFreeB = PhoneNumber.Parse("+18005550199");
        await _services.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(new InboundSms(Acme, person, tollFreeA, "STOP", DateTimeOffset.UtcNow));
        _transport.Sent.Clear();

        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, Template) { From = tollFreeA }, new[] { "+12125550100" }.ToAsyncEnumerable())).Suppressed.Should().Be(1);
        (await Sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, Template) { From = tollFreeB }, new[] { "+12125550100" }.ToAsyncEnumerable())).Sent.Should().Be(1);
        (await Sender.SendAsync(Acme, "+12125550100", "Reminder", tollFreeA)).Status.Should().Be(RecipientStatus.Suppressed);
    }

    [Fact]
    public async Task Without_a_transport_a_send_fails_naming_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory();
        await using var provider = services.BuildServiceProvider();

        await FluentActions.Awaiting(() => provider.GetRequiredService<ISmsSender>().SendAsync(Acme, "+12125550100", "hi"))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*AddTwilio*UseConsoleTransport*");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task ReplaceAsync(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null)
    {
        await _services.DisposeAsync();
        _services = Build(configure, more);
    }

    private ServiceProvider Build(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null) => SenderServices.Build(_transport, configure, more);
}
