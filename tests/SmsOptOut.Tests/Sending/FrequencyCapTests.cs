using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
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
    private static readonly string[] Miami = ["+13055550100", "+13055550101", "+13055550102"];
    private static readonly string[] Portland = ["+15035550100", "+15035550101"];

    [Fact]
    public async Task A_list_cap_skips_recipients_who_had_enough_of_that_list_and_names_the_cap_while_other_lists_still_send()
    {
        var (services, transport, time) = Build(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Florida with { Messages = 2 }));
        await using var _ = services;
        var outcomes = new List<RecipientOutcome>();

        await SendAsync(services, News, recipients: Miami);
        time.Advance(TimeSpan.FromHours(1));
        await SendAsync(services, News, recipients: Miami);
        var third = await SendAsync(services, News, outcomes, Miami);
        var otherList = await SendAsync(services, Offers, recipients: Miami);
        time.Advance(TimeSpan.FromHours(23));
        var nextDay = await SendAsync(services, News, recipients: Miami);

        third.Should().Match<ListSendResult>(r => r.Sent == 0 && r.FrequencyCapped == 3);
        outcomes.Should().OnlyContain(o => o.Status == RecipientStatus.FrequencyCapped && o.Error == "Florida Telemarketing Act, Fla. Stat. 501.616(6)(b) (2 per 1.00:00:00) reached");
        otherList.Sent.Should().Be(3, "the Florida cap counts messages of the same subject (list)");
        nextDay.Sent.Should().Be(3, "24 hours after the first send, one of the two has left the window");
        transport.Sent.Should().HaveCount(12);
    }

    [Fact]
    public async Task A_state_cap_binds_only_the_numbers_the_data_places_in_its_state()
    {
        var (services, transport, _) = Build(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Florida with { Messages = 1 }));
        await using var _ = services;
        string[] miamiAndNewYork = ["+13055550100", "+12125550100"];

        await SendAsync(services, News, recipients: miamiAndNewYork);
        var second = await SendAsync(services, News, recipients: miamiAndNewYork);

        second.Should().Match<ListSendResult>(r => r.Sent == 1 && r.FrequencyCapped == 1);
        transport.Sent.Select(m => m.To.ToString()).Should().Equal("+13055550100", "+12125550100", "+12125550100");
    }

    [Fact]
    public async Task Oregons_cap_counts_every_list_of_the_account_from_1_January_2026()
    {
        var (services, _, time) = Build(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Oregon), new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero)); // 31 December 2025, 23:00 in Portland
        await using var _ = services;
        var lists = new[] { "a", "b", "c", "d" }.Select(l => new ListId(l)).ToArray();

        var in2025 = new List<ListSendResult>();
        foreach (var list in lists)
        {
            in2025.Add(await SendAsync(services, list, recipients: Portland));
        }

        time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 18, 0, 0, TimeSpan.Zero)); // 1 January 2026, 10:00: the 2025 sends are inside the 24 hours
        var in2026 = new List<ListSendResult>();
        var outcomes = new List<RecipientOutcome>();
        foreach (var list in lists)
        {
            in2026.Add(await SendAsync(services, list, list == lists[3] ? outcomes : null, Portland));
        }

        in2025.Should().OnlyContain(r => r.Sent == 2, "the cap is not in force in 2025");
        in2026.Select(r => r.Sent).Should().Equal([2L, 2L, 2L, 0L], "what was sent before the cap was in force does not count");
        outcomes.Should().OnlyContain(o => o.Status == RecipientStatus.FrequencyCapped && o.Error == "Oregon, ORS 646.563 as amended by HB 3865 (2025) (3 per 1.00:00:00) reached");
    }

    [Fact]
    public async Task Oregons_cap_does_not_bind_a_send_that_declares_an_established_business_relationship()
    {
        var (services, _, _) = Build(o => o.Sending.FrequencyCaps.Add(FrequencyCap.Oregon));
        await using var _ = services;

        var withoutRelationship = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            withoutRelationship.Add((await SendAsync(services, News, recipients: Portland)).Sent);
        }

        var withRelationship = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            withRelationship.Add((await SendAsync(services, News, recipients: Portland, exemption: DoNotCallExemption.EstablishedBusinessRelationship)).Sent);
        }

        withoutRelationship.Should().Equal(2L, 2L, 2L, 0L);
        withRelationship.Should().Equal([2L, 2L, 2L, 2L], "the relationship lifts Oregon's cap");
        FrequencyCap.Florida.ExemptWithEstablishedBusinessRelationship.Should().BeFalse("Florida's cap has no such exemption");
    }

    [Fact]
    public void A_cap_naming_an_unknown_state_or_states_outside_the_US_is_refused_at_startup()
    {
        var (services, _, _) = Build(o =>
        {
            o.Sending.FrequencyCaps.Add(FrequencyCap.Oregon with { States = new HashSet<string> { "US-OR" } });
            o.Sending.FrequencyCaps.Add(FrequencyCap.Oregon with { Region = null });
        });
        using var _ = services;

        var act = () => services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should()
            .Contain("FrequencyCaps[0].States 'US-OR' is not a state; expected a two-letter USPS code in upper case, one of the 50 states or DC, such as FL (write OR)")
            .And.Contain("FrequencyCaps[1].States name US states and need Region US; Region is null");
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

    private static (ServiceProvider Services, RecordingTransport Transport, FakeTimeProvider Time) Build(Action<SmsOptOutOptions> configure, DateTimeOffset? start = null)
    {
        var transport = new RecordingTransport();
        var time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero));
        return (SenderServices.Build(transport, configure, s => s.AddSingleton<TimeProvider>(time)), transport, time);
    }

    private static Task<ListSendResult> SendAsync(IServiceProvider services, ListId list, List<RecipientOutcome>? outcomes = null, string[]? recipients = null,
        DoNotCallExemption exemption = DoNotCallExemption.None) =>
        services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, list, "Acme news. Reply STOP to opt out")
        {
            DoNotCallExemption = exemption,
            OnRecipient = outcomes is null ? null : (o, _) => { outcomes.Add(o); return ValueTask.CompletedTask; },
        }, (recipients ?? Recipients).ToAsyncEnumerable());
}
