using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Sending.Internal;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>
/// The states' calling hours: each preset's window and weekdays on its clock, for the numbers the geocoding data places
/// in the state, from its effective date; the federal rule and every state preset together, the strictest binding.
/// </summary>
public sealed class StateCallingHoursTests
{
    private static readonly QuietHoursRule[] AllRules = [QuietHoursRule.UnitedStatesFederal, .. QuietHoursRule.UnitedStatesStates];

    public static TheoryData<string, string, string?, string?> Cases => new()
    {
        // number, now (UTC), NotBefore (UTC) or null when sent now, the rule that binds
        // Texas, Dallas (CDT, UTC-5); Saturday 4 and Sunday 5 July 2026.
        { "+12145550100", "2026-07-05T16:30:00Z", "2026-07-05T17:00:00Z", "Texas" },        // Sunday 11:30: noon
        { "+12145550100", "2026-07-05T17:00:00Z", null, null },                             // Sunday 12:00
        { "+12145550100", "2026-07-04T14:00:00Z", null, null },                             // Saturday 9:00
        { "+12145550100", "2026-07-04T13:30:00Z", "2026-07-04T14:00:00Z", "Texas" },        // Saturday 8:30: the federal 8:00 is not enough
        // Texas, El Paso (Mountain, MDT UTC-6): both readings of the clock — recipient's and Central — must allow it.
        { "+19155550100", "2026-07-05T02:30:00Z", "2026-07-05T18:00:00Z", "Texas" },        // Saturday 20:30 MDT = 21:30 CDT: Sunday noon MDT
        { "+19155550100", "2026-07-04T14:30:00Z", "2026-07-04T15:00:00Z", "Texas" },        // Saturday 8:30 MDT = 9:30 CDT: 9:00 MDT
        { "+19155550100", "2026-07-05T18:00:00Z", null, null },                             // Sunday 12:00 MDT = 13:00 CDT
        // Connecticut, Hartford (EDT): 9 a.m.
        { "+18605550100", "2026-07-01T12:30:00Z", "2026-07-01T13:00:00Z", "Connecticut" },  // 8:30
        { "+18605550100", "2026-07-01T13:00:00Z", null, null },                             // 9:00
        { "+18605550100", "2026-07-02T00:30:00Z", "2026-07-02T13:00:00Z", "Connecticut" },  // 20:30
        // Mississippi, Jackson: 8 a.m. to 8 p.m. Central *Standard* Time, no Sundays.
        { "+16015550100", "2026-01-04T18:00:00Z", "2026-01-05T14:00:00Z", "Mississippi" },  // Sunday 12:00 CST: Monday 8:00 CST
        { "+16015550100", "2026-07-01T13:30:00Z", "2026-07-01T14:00:00Z", "Mississippi" },  // summer 8:30 CDT = 7:30 CST: 9:00 CDT
        { "+16015550100", "2026-07-02T01:30:00Z", null, null },                             // summer 20:30 CDT = 19:30 CST: still open
        { "+16015550100", "2026-07-02T02:30:00Z", "2026-07-02T14:00:00Z", "Mississippi" },  // summer 21:30 CDT = 20:30 CST (the federal rule agrees)
        // Oregon, Portland (PST): 8 p.m. from 1 January 2026 only.
        { "+15035550100", "2026-01-01T04:30:00Z", null, null },                             // 31 Dec 2025, 20:30: the federal 9 p.m.
        { "+15035550100", "2026-01-02T04:30:00Z", "2026-01-02T16:00:00Z", "Oregon" },       // 1 Jan 2026, 20:30
        // Florida, Maryland, Oklahoma, New York, Virginia, South Carolina.
        { "+13055550100", "2026-07-02T00:30:00Z", "2026-07-02T12:00:00Z", "Florida" },      // Miami 20:30 EDT
        { "+14105550100", "2026-07-02T00:30:00Z", "2026-07-02T12:00:00Z", "Maryland" },     // Baltimore 20:30 EDT
        { "+14055550100", "2026-07-02T01:30:00Z", "2026-07-02T13:00:00Z", "Oklahoma" },     // Oklahoma City 20:30 CDT
        { "+12125550100", "2026-07-02T00:30:00Z", null, null },                             // New York 20:30: 9 p.m., as federal
        { "+17035550100", "2026-07-02T01:30:00Z", "2026-07-02T12:00:00Z", "TCPA" },         // Virginia 21:30: federal and state agree, the first named binds
        { "+18435550100", "2026-07-01T11:30:00Z", "2026-07-01T12:00:00Z", "TCPA" },         // Charleston 7:30
        // Elsewhere: only the federal rule.
        { "+12065550100", "2026-07-02T03:30:00Z", null, null },                             // Seattle 20:30 PDT
        { "+18005550100", "2026-07-01T22:30:00Z", null, null },                             // toll-free (every zone of +1 open): in no state
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_state_preset_holds_its_numbers_to_its_hours(string number, string now, string? notBefore, string? rule)
    {
        var deferral = Defer(number, now, AllRules);

        if (notBefore is null)
        {
            deferral.Should().BeNull();
            return;
        }

        deferral.Should().NotBeNull();
        deferral!.Value.NotBefore.Should().Be(Instant(notBefore));
        deferral.Value.Rule.Should().StartWith(rule);
    }

    [Fact]
    public void A_rule_not_yet_in_force_binds_from_its_date_when_a_deferral_runs_into_it()
    {
        // 30 September 2023, 22:00 EDT in Hartford: the federal rule defers to 8:00 on 1 October, when Connecticut's 9 a.m. starts.
        var deferral = Defer("+18605550100", "2023-10-01T02:00:00Z", AllRules);

        deferral.Should().Be((Instant("2023-10-01T13:00:00Z"), QuietHoursRule.Connecticut.Name));
        Defer("+18605550100", "2023-09-30T12:30:00Z", AllRules).Should().BeNull("on 30 September 2023, 8:30 was still allowed in Connecticut");
    }

    [Fact]
    public void An_area_code_the_data_places_in_two_states_keeps_the_strictest_rule()
    {
        // 201 is New Jersey's, but the data names one of its exchanges in New York: a New York rule covers all of 201.
        var newYorkHouseRule = new QuietHoursRule { Name = "house rule for New York", Earliest = new(10, 0), Latest = new(18, 0), Region = "US", States = new HashSet<string> { "NY" } };
        var newJerseyHouseRule = newYorkHouseRule with { Name = "house rule for New Jersey", Earliest = new(9, 0), Latest = new(20, 0), States = new HashSet<string> { "NJ" } };

        Defer("+12015550100", "2026-07-01T13:30:00Z", [newJerseyHouseRule, newYorkHouseRule]).Should().Be((Instant("2026-07-01T14:00:00Z"), newYorkHouseRule.Name), "9:30: New Jersey's opens at 9, New York's at 10");
        Defer("+12015550100", "2026-07-01T22:30:00Z", [newJerseyHouseRule, newYorkHouseRule]).Should().Be((Instant("2026-07-02T14:00:00Z"), newYorkHouseRule.Name), "18:30");
        Defer("+17325550100", "2026-07-01T13:30:00Z", [newJerseyHouseRule, newYorkHouseRule]).Should().BeNull("732 is New Jersey's alone");
    }

    [Fact]
    public void Area_codes_add_to_the_states_of_a_rule()
    {
        var florida = QuietHoursRule.Florida with { AreaCodes = new HashSet<int> { 212 } };

        Defer("+12125550100", "2026-07-02T00:30:00Z", [florida]).Should().NotBeNull("212 is listed");
        Defer("+13055550100", "2026-07-02T00:30:00Z", [florida]).Should().NotBeNull("305 is in Florida");
        Defer("+12135550100", "2026-07-02T03:30:00Z", [florida]).Should().BeNull("213 is in California");
    }

    [Fact]
    public async Task A_list_send_applies_a_state_rule_from_its_effective_date_on_the_sends_clock()
    {
        var time = new FakeTimeProvider(Instant("2026-01-01T04:30:00Z")); // 31 December 2025, 20:30 in Portland
        var transport = new RecordingTransport();
        await using var services = SenderServices.Build(transport, o =>
        {
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            foreach (var rule in QuietHoursRule.UnitedStatesStates)
            {
                o.Sending.QuietHours.Add(rule);
            }
        }, s => s.AddSingleton<TimeProvider>(time));
        var sender = services.GetRequiredService<ISmsSender>();
        var outcomes = new ConcurrentBag<RecipientOutcome>();
        var request = new ListSendRequest(new AccountId("acme"), new ListId("news"), "Acme news. Reply STOP to opt out")
        {
            OnRecipient = (o, _) => { outcomes.Add(o); return ValueTask.CompletedTask; },
        };

        var before = await sender.SendToListAsync(request, new[] { "+15035550100" }.ToAsyncEnumerable());
        time.SetUtcNow(Instant("2026-01-02T04:30:00Z")); // 1 January 2026, 20:30
        var after = await sender.SendToListAsync(request, new[] { "+15035550100" }.ToAsyncEnumerable());

        before.Sent.Should().Be(1, "Oregon's 8 p.m. is not in force in 2025");
        after.Deferred.Should().Be(1);
        outcomes.Should().ContainSingle(o => o.Status == RecipientStatus.Deferred).Which.Should().Match<RecipientOutcome>(o =>
            o.NotBefore == Instant("2026-01-02T16:00:00Z") && o.Error!.Contains(QuietHoursRule.Oregon.Name));
    }

    [Fact]
    public void A_number_with_an_unassigned_exchange_keeps_its_area_codes_zone_and_does_not_give_the_whole_country_to_the_others()
    {
        // Vermont (802, Eastern): 9:30 EDT is 3:30 in Honolulu. Exchange 000 is not assigned, so libphonenumber holds
        // the number invalid; its area code still places it in New York's zone — and the place is cached per area
        // code, so the first number seen decides for every number of 802 after it.
        var unassigned = Defer("+18020000100", "2026-07-01T13:30:00Z", [QuietHoursRule.UnitedStatesFederal]);
        var assigned = Defer("+18025550100", "2026-07-01T13:30:00Z", [QuietHoursRule.UnitedStatesFederal]);

        unassigned.Should().BeNull("Vermont is on Eastern time, not every zone of country code 1");
        assigned.Should().BeNull("the area code's place is not the country's");
        Defer("+18020000100", "2026-07-01T11:30:00Z", [QuietHoursRule.UnitedStatesFederal]).Should().NotBeNull("7:30 in Vermont is before 8");
    }

    [Fact]
    public void Every_state_preset_is_in_the_collection_with_its_statute_date_and_source()
    {
        var presets = typeof(QuietHoursRule).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(QuietHoursRule) && p.Name != nameof(QuietHoursRule.UnitedStatesFederal))
            .Select(p => (QuietHoursRule)p.GetValue(null)!).ToList();
        var caps = typeof(FrequencyCap).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(FrequencyCap)).Select(p => (FrequencyCap)p.GetValue(null)!).ToList();

        QuietHoursRule.UnitedStatesStates.Should().BeEquivalentTo(presets).And.HaveCount(10);
        QuietHoursRule.UnitedStatesStates.Select(r => r.States!.Single()).Should().BeEquivalentTo(["CT", "NY", "VA", "SC", "MS", "FL", "OK", "MD", "OR", "TX"]);
        QuietHoursRule.UnitedStatesStates.Should().OnlyContain(r => r.Region == "US" && r.EffectiveFrom != null && r.Source!.Scheme == "https");
        FrequencyCap.UnitedStatesStates.Should().BeEquivalentTo(caps).And.OnlyContain(c => c.Region == "US" && c.EffectiveFrom != null && c.Source!.Scheme == "https");
        QuietHoursRule.UnitedStatesFederal.Source!.Host.Should().Be("www.ecfr.gov");
    }

    [Theory]
    [InlineData("US-FL", "States 'US-FL' is not a state; expected a two-letter USPS code in upper case, one of the 50 states or DC, such as FL (write FL)")]
    [InlineData("fl", "States 'fl' is not a state; expected a two-letter USPS code in upper case, one of the 50 states or DC, such as FL (write FL)")]
    [InlineData("PR", "States 'PR' is not a state")]
    [InlineData("Florida", "States 'Florida' is not a state")]
    public void An_unknown_state_is_refused_at_startup_naming_the_setting(string state, string expected) =>
        Refusal(QuietHoursRule.Florida with { States = new HashSet<string> { state } }).Should().Contain("SmsOptOutOptions.Sending.QuietHours[0]." + expected);

    [Theory]
    [InlineData("CST", "Clocks[0] 'CST' is not a clock; expected recipient (the recipient's local time), a fixed offset such as UTC-06:00")]
    [InlineData("UTC-6", "Clocks[0] 'UTC-6' is not a clock")]
    [InlineData("UTC+15:00", "Clocks[0] 'UTC+15:00' is not a clock")]
    [InlineData("Central Standard Time", "Clocks[0] 'Central Standard Time' is a Windows time zone id, which follows daylight saving; write a fixed offset such as UTC-06:00")]
    [InlineData("", "Clocks[0] '' is not a clock")]
    public void A_clock_that_is_not_one_is_refused_at_startup(string clock, string expected) =>
        Refusal(QuietHoursRule.Mississippi with { Clocks = [clock] }).Should().Contain("SmsOptOutOptions.Sending.QuietHours[0]." + expected);

    [Fact]
    public void States_without_Region_US_an_empty_state_list_and_an_empty_window_are_refused()
    {
        Refusal(QuietHoursRule.Texas with { Region = "CA" }).Should().Contain("QuietHours[0].States name US states and need Region US; Region is 'CA'");
        Refusal(QuietHoursRule.Texas with { States = new HashSet<string>() }).Should().Contain("QuietHours[0].States is empty");
        Refusal(QuietHoursRule.Texas with { Earliest = new(9, 0), Latest = new(9, 0) }).Should().Contain("QuietHours[0] allows 09:00 to 09:00; expected Earliest before Latest");
        Refusal(QuietHoursRule.Texas with { Clocks = [] }).Should().Contain("QuietHours[0].Clocks is empty");
    }

    [Fact]
    public void Every_preset_passes_validation()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            foreach (var rule in QuietHoursRule.UnitedStatesStates)
            {
                o.Sending.QuietHours.Add(rule);
            }

            foreach (var cap in FrequencyCap.UnitedStatesStates)
            {
                o.Sending.FrequencyCaps.Add(cap);
            }
        }).UseInMemory();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Sending.QuietHours.Should().HaveCount(11);
    }

    private static string Refusal(QuietHoursRule rule)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Sending.QuietHours.Add(rule)).UseInMemory();
        using var provider = services.BuildServiceProvider();
        var resolve = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
        return resolve.Should().Throw<OptionsValidationException>().Which.Message;
    }

    private static (DateTimeOffset NotBefore, string Rule)? Defer(string number, string now, QuietHoursRule[] rules) =>
        new QuietHours().Defer(PhoneNumber.Parse(number), Instant(now), new QuietHours.Batch(rules));

    private static DateTimeOffset Instant(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
