using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Sending.Internal;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>Quiet hours in each recipient's local time: sent inside the window, deferred with the earliest allowed instant outside it.</summary>
public sealed class QuietHoursTests
{
    private static readonly QuietHoursRule EightToNine = new() { Name = "8-21 everywhere", Earliest = new(8, 0), Latest = new(21, 0) };

    [Theory]
    // 1 July 2026, 12:00 UTC: New York 08:00 EDT, San Francisco 05:00 PDT, London 13:00 BST, Mumbai 17:30 IST, Sydney 22:00 AEST.
    [InlineData("+12125550100", null)]
    [InlineData("+14155550100", "2026-07-01T15:00:00Z")]
    [InlineData("+442071234567", null)]
    [InlineData("+919876543210", null)]
    [InlineData("+61212345678", "2026-07-01T22:00:00Z")]
    // A toll-free number may ring in any zone of +1, Guam's included: American Samoa opens at 19:00 UTC (08:00 SST), when
    // Guam has closed (05:00 ChST); Guam opens at 22:00 UTC (08:00 ChST), when every other zone is still open.
    [InlineData("+18005550100", "2026-07-01T22:00:00Z")]
    public void Each_number_is_judged_in_its_own_time_zones(string number, string? notBefore)
    {
        var deferral = Evaluator(EightToNine).Defer(PhoneNumber.Parse(number), new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        deferral?.NotBefore.Should().Be(notBefore is null ? null : DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture));
        (deferral is null).Should().Be(notBefore is null);
    }

    [Theory]
    // Spring forward, 8 March 2026 (New York 02:00 EST → 03:00 EDT): at 01:30 EST the next 08:00 is EDT, 12:00 UTC.
    [InlineData("2026-03-08T06:30:00Z", "2026-03-08T12:00:00Z")]
    // Fall back, 1 November 2026 (02:00 EDT → 01:00 EST): at 01:30 EDT the next 08:00 is EST, 13:00 UTC.
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T13:00:00Z")]
    // 21:00 EDT is closed: the next morning.
    [InlineData("2026-07-02T01:00:00Z", "2026-07-02T12:00:00Z")]
    public void Daylight_saving_transitions_move_the_opening_in_utc(string now, string notBefore)
    {
        var deferral = Evaluator(QuietHoursRule.UnitedStatesFederal).Defer(PhoneNumber.Parse("+12125550100"), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        deferral!.Value.NotBefore.Should().Be(DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_state_rule_applies_to_its_area_codes_only_and_the_stricter_rule_binds()
    {
        var quiet = Evaluator(QuietHoursRule.UnitedStatesFederal, QuietHoursRule.Florida);
        var evening = new DateTimeOffset(2026, 7, 2, 0, 30, 0, TimeSpan.Zero); // 20:30 EDT on 1 July

        quiet.Defer(PhoneNumber.Parse("+13055550100"), evening).Should().Be((new DateTimeOffset(2026, 7, 2, 12, 0, 0, TimeSpan.Zero), QuietHoursRule.Florida.Name), "Miami: Florida's 8 p.m. binds");
        quiet.Defer(PhoneNumber.Parse("+12125550100"), evening).Should().BeNull("New York: the federal 9 p.m.");
        quiet.Defer(PhoneNumber.Parse("+442071234567"), evening).Should().BeNull("a UK number is covered by neither US rule");
    }

    [Fact]
    public async Task A_list_send_defers_recipients_outside_their_hours_and_sends_the_others()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
        var transport = new RecordingTransport();
        await using var services = SenderServices.Build(transport, o => o.Sending.QuietHours.Add(EightToNine), s => s.AddSingleton<TimeProvider>(time));
        var outcomes = new ConcurrentBag<RecipientOutcome>();

        var result = await services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(new AccountId("acme"), new ListId("news"), "Sale! Reply STOP to opt out") { OnRecipient = (o, _) => { outcomes.Add(o); return ValueTask.CompletedTask; } },
            new[] { "+12125550100", "+14155550100", "+61212345678" }.ToAsyncEnumerable());

        result.Sent.Should().Be(1);
        result.Deferred.Should().Be(2);
        transport.Sent.Should().ContainSingle().Which.To.Should().Be(PhoneNumber.Parse("+12125550100"));
        outcomes.Single(o => o.Input == "+14155550100").Should().Match<RecipientOutcome>(o =>
            o.Status == RecipientStatus.Deferred && o.NotBefore == new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero) && o.Error!.Contains("8-21 everywhere"));
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused_naming_the_rule()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Sending.QuietHours.Add(new QuietHoursRule { Name = "night", Earliest = new(21, 0), Latest = new(8, 0) })).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("SmsOptOutOptions.Sending.QuietHours[0] allows 21:00 to 08:00; expected Earliest before Latest");
    }

    [Fact]
    public async Task Each_account_follows_its_own_rules_from_the_provider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 2, 0, 30, 0, TimeSpan.Zero)); // 20:30 EDT
        var transport = new RecordingTransport();
        await using var services = SenderServices.Build(transport, _ => { }, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddSingleton<IQuietHoursProvider>(new PerAccountRules());
        });
        var sender = services.GetRequiredService<ISmsSender>();
        var recipients = new[] { "+13055550100" };

        var strict = await sender.SendToListAsync(new ListSendRequest(new AccountId("florida-co"), new ListId("news"), "Sale! Reply STOP to opt out"), recipients.ToAsyncEnumerable());
        var federal = await sender.SendToListAsync(new ListSendRequest(new AccountId("acme"), new ListId("news"), "Sale! Reply STOP to opt out"), recipients.ToAsyncEnumerable());
        var broken = () => sender.SendToListAsync(new ListSendRequest(new AccountId("broken"), new ListId("news"), "Sale! Reply STOP to opt out"), recipients.ToAsyncEnumerable());

        strict.Deferred.Should().Be(1, "this account follows Florida's 8 p.m.");
        federal.Sent.Should().Be(1, "this one only the federal 9 p.m.");
        (await broken.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("the quiet-hours rule 0 of account 'broken' allows 20:00 to 08:00");
        transport.Sent.Should().ContainSingle("the refused send sent nothing");
    }

    private sealed class PerAccountRules : IQuietHoursProvider
    {
        public ValueTask<IReadOnlyList<QuietHoursRule>> GetRulesAsync(AccountId account, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<QuietHoursRule>>(account.Value switch
            {
                "florida-co" => [QuietHoursRule.UnitedStatesFederal, QuietHoursRule.Florida],
                "broken" => [new QuietHoursRule { Name = "inverted", Earliest = new(20, 0), Latest = new(8, 0) }],
                _ => [QuietHoursRule.UnitedStatesFederal],
            });
    }

    /// <summary>Texas-like hours: 9 a.m. to 9 p.m. Monday to Saturday, noon to 9 p.m. on Sunday.</summary>
    private static readonly QuietHoursRule WeekdayRule = new()
    {
        Name = "weekday rule", Earliest = new(9, 0), Latest = new(21, 0), Region = "US",
        Weekdays = new Dictionary<DayOfWeek, DailyWindow?> { [DayOfWeek.Sunday] = new(new TimeOnly(12, 0), new TimeOnly(21, 0)) },
    };

    [Theory]
    // Dallas is CDT (UTC-5) in July 2026; 5 July 2026 is a Sunday.
    [InlineData("2026-07-04T15:00:00Z", null)]                        // Saturday 10:00: open
    [InlineData("2026-07-05T15:00:00Z", "2026-07-05T17:00:00Z")]      // Sunday 10:00: wait for noon
    [InlineData("2026-07-05T17:30:00Z", null)]                        // Sunday 12:30: open
    [InlineData("2026-07-06T02:30:00Z", "2026-07-06T14:00:00Z")]      // Sunday 21:30: Monday 9:00
    [InlineData("2026-07-05T03:00:00Z", "2026-07-05T17:00:00Z")]      // Saturday 22:00: the next opening is Sunday noon, not 9:00
    public void A_rule_with_other_hours_on_some_weekdays_uses_each_days_own_hours(string now, string? notBefore)
    {
        var deferral = Evaluator(WeekdayRule).Defer(PhoneNumber.Parse("+12145550100"), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        deferral?.NotBefore.Should().Be(notBefore is null ? null : DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture));
        (deferral is null).Should().Be(notBefore is null);
    }

    [Fact]
    public void A_closed_day_is_skipped_to_the_next_open_one()
    {
        var noSundays = EightToNine with { Region = "US", Weekdays = new Dictionary<DayOfWeek, DailyWindow?> { [DayOfWeek.Sunday] = null } };

        // Saturday 4 July 2026, 22:00 in New York: Sunday is closed, so Monday 08:00 EDT.
        var deferral = Evaluator(noSundays).Defer(PhoneNumber.Parse("+12125550100"), new DateTimeOffset(2026, 7, 5, 2, 0, 0, TimeSpan.Zero));

        deferral!.Value.NotBefore.Should().Be(new DateTimeOffset(2026, 7, 6, 12, 0, 0, TimeSpan.Zero));
        noSundays.WindowOn(DayOfWeek.Sunday).Should().BeNull();
        noSundays.WindowOn(DayOfWeek.Monday).Should().Be(new DailyWindow(new TimeOnly(8, 0), new TimeOnly(21, 0)));
    }

    [Theory]
    [InlineData(true, "closes every day of the week")]
    [InlineData(false, "Weekdays[Sunday] allows 21:00 to 09:00")]
    public void Weekday_hours_that_make_no_sense_are_refused_at_startup(bool closeAll, string expected)
    {
        var days = closeAll
            ? Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (DailyWindow?)null)
            : new Dictionary<DayOfWeek, DailyWindow?> { [DayOfWeek.Sunday] = new(new TimeOnly(21, 0), new TimeOnly(9, 0)) };
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Sending.QuietHours.Add(EightToNine with { Weekdays = days })).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage($"*QuietHours[0]*{expected}*");
    }

    private static Judge Evaluator(params QuietHoursRule[] rules) => new(new QuietHours(), rules);

    /// <summary>The evaluator with one batch's worth of rules, as a list send uses it.</summary>
    private sealed class Judge(QuietHours quiet, QuietHoursRule[] rules)
    {
        public (DateTimeOffset NotBefore, string Rule)? Defer(PhoneNumber number, DateTimeOffset now) => quiet.Defer(number, now, new QuietHours.Batch(rules));
    }
}
