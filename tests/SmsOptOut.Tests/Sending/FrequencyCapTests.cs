using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>Frequency caps in list sends: counted per recipient across sends, per list or per account, after every other rule.</summary>
public sealed class FrequencyCapTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId News = new("news");
    private static readonly ListId Offers = new("offers");
    private static readonly string[] Recipients = ["+12125550100", "+12125550101", "+12125550102"];

    [Fact]
    public async Task A_list_cap_skips_recipients_who_had_enough_of_that_list_and_names_the_cap_while_other_lists_still_send()
    {
        var (services, transport, time) = Build(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Florida with { Messages = 2 }));
        await using var _ = services;
        var outcomes = new List<RecipientOutcome>();

        await SendAsync(services, News);
        time.Advance(TimeSpan.FromHours(1));
        await SendAsync(services, News);
        var third = await SendAsync(services, News, outcomes);
        var otherList = await SendAsync(services, Offers);
        time.Advance(TimeSpan.FromHours(23));
        var nextDay = await SendAsync(services, News);

        third.Should().Match<ListSendResult>(r => r.Sent == 0 && r.FrequencyCapped == 3);
        outcomes.Should().OnlyContain(o => o.Status == RecipientStatus.FrequencyCapped && o.Error == "Florida, Fla. Stat. 501.616(6)(b) (2 per 1.00:00:00) reached");
        otherList.Sent.Should().Be(3, "the Florida cap counts messages of the same subject (list)");
        nextDay.Sent.Should().Be(3, "24 hours after the first send, one of the two has left the window");
        transport.Sent.Should().HaveCount(12);
    }

    [Fact]
    public async Task An_account_cap_counts_every_list()
    {
        var (services, _, _) = Build(o => o.Sending.FrequencyCaps.Add(new FrequencyCap { Name = "one a week", Messages = 1, Window = TimeSpan.FromDays(7) }));
        await using var _ = services;

        (await SendAsync(services, News)).Sent.Should().Be(3);
        (await SendAsync(services, Offers)).FrequencyCapped.Should().Be(3);
    }

    [Fact]
    public async Task Suppressed_and_deferred_recipients_use_up_nothing()
    {
        var (services, _, time) = Build(o =>
        {
            o.Sending.FrequencyCaps.Add(new FrequencyCap { Messages = 1, Window = TimeSpan.FromDays(1) });
            o.Sending.QuietHours.Add(new QuietHoursRule { Earliest = new(8, 0), Latest = new(21, 0) });
        });
        await using var _ = services;
        await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse(Recipients[0]), OptOutSource.Api));
        time.SetUtcNow(new DateTimeOffset(2026, 7, 2, 4, 0, 0, TimeSpan.Zero)); // midnight in New York

        var night = await SendAsync(services, News);
        time.SetUtcNow(new DateTimeOffset(2026, 7, 2, 14, 0, 0, TimeSpan.Zero));
        await services.GetRequiredService<IOptOutService>().OptInAsync(new ConsentRequest(Acme, PhoneNumber.Parse(Recipients[0]), OptOutSource.Api));
        var morning = await SendAsync(services, News);

        night.Should().Match<ListSendResult>(r => r.Suppressed == 1 && r.Deferred == 2 && r.FrequencyCapped == 0);
        morning.Sent.Should().Be(3, "neither the opt-out nor the night's deferral counted a message");
    }

    [Fact]
    public async Task Without_de_duplication_a_number_twice_in_a_batch_is_sent_once_under_a_cap()
    {
        var (services, transport, _) = Build(o =>
        {
            o.Sending.DeduplicateRecipients = false;
            o.Sending.FrequencyCaps.Add(new FrequencyCap { Messages = 5, Window = TimeSpan.FromDays(1) });
        });
        await using var _ = services;

        var result = await services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(Acme, News, "Acme news. Reply STOP to opt out"), new[] { "+12125550100", "+1 212 555 0100" }.ToAsyncEnumerable());

        result.Should().Match<ListSendResult>(r => r.Sent == 1 && r.FrequencyCapped == 1);
        transport.Sent.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, 24, "FrequencyCaps[0].Messages 0 must be 1 to 1,000")]
    [InlineData(3, 0, "FrequencyCaps[0].Window 00:00:00 must be more than zero and at most 31 days")]
    [InlineData(3, 24 * 40, "FrequencyCaps[0].Window 40.00:00:00 must be more than zero")]
    public void A_bad_cap_is_refused_at_startup_naming_it(int messages, int hours, string expected)
    {
        var (services, _, _) = Build(o => o.Sending.FrequencyCaps.Add(new FrequencyCap { Messages = messages, Window = TimeSpan.FromHours(hours) }));
        using var _ = services;

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task Caps_on_a_storage_that_counts_no_sends_are_refused_naming_the_storage()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsTransport>(new RecordingTransport());
        services.AddSmsOptOut(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Florida)).UseStorage("custom", RequiredStoresOnly.Register);
        await using var provider = services.BuildServiceProvider();

        var send = () => SendAsync(provider, News);

        (await send.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*counts no sends (ISendLedger)*");
    }

    private static (ServiceProvider Services, RecordingTransport Transport, FakeTimeProvider Time) Build(Action<SmsOptOutOptions> configure)
    {
        var transport = new RecordingTransport();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero));
        return (SenderServices.Build(transport, configure, s => s.AddSingleton<TimeProvider>(time)), transport, time);
    }

    private static Task<ListSendResult> SendAsync(IServiceProvider services, ListId list, List<RecipientOutcome>? outcomes = null) =>
        services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, list, "Acme news. Reply STOP to opt out")
        {
            OnRecipient = outcomes is null ? null : (o, _) => { outcomes.Add(o); return ValueTask.CompletedTask; },
        }, Recipients.ToAsyncEnumerable());
}
