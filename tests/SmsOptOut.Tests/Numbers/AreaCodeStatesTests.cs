using System.Reflection;
using SmsOptOut.Numbers.Internal;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Numbers;

/// <summary>
/// The state of a North American number comes from libphonenumber's geocoding data, not from lists written by hand:
/// the table read from it, the presets held against it, and the area codes it places in no state or in several.
/// </summary>
public sealed class AreaCodeStatesTests
{
    private static readonly AreaCodeStates Table = AreaCodeStates.Instance;

    /// <summary>The area codes the Florida, Maryland and Oklahoma presets carried, written by hand, before they named their states.</summary>
    private static readonly (string Preset, string State, int[] AreaCodes)[] FormerLists =
    [
        ("QuietHoursRule.Florida (hand-written until issue 30)", "FL", [239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786, 813, 850, 863, 904, 941, 954]),
        ("QuietHoursRule.Maryland (hand-written until issue 30)", "MD", [227, 240, 301, 410, 443, 667]),
        ("QuietHoursRule.Oklahoma (hand-written until issue 30)", "OK", [405, 539, 572, 580, 918]),
    ];

    [Fact]
    public void No_area_code_of_any_preset_is_placed_by_the_data_in_another_state()
    {
        var presets = Presets().Select(p => (p.Name, p.States, p.AreaCodes))
            .Concat(FormerLists.Select(l => (l.Preset, (IReadOnlySet<string>?)new HashSet<string> { l.State }, (IReadOnlySet<int>?)l.AreaCodes.ToHashSet())));

        presets.SelectMany(p => Misplaced(p.Item1, p.Item2, p.Item3)).Should().BeEmpty();
    }

    [Fact]
    public void The_check_of_the_presets_fails_on_an_area_code_the_data_places_in_another_state()
    {
        var wrong = QuietHoursRule.Florida with { AreaCodes = new HashSet<int> { 305, 212 } };

        Misplaced("Florida with 212", wrong.States, wrong.AreaCodes).Should().ContainSingle().Which.Should().Be("Florida with 212: area code 212 is in NY by the data, not in FL");
        Misplaced("no state", null, new HashSet<int> { 305 }).Should().ContainSingle().Which.Should().Contain("names no state");
    }

    [Fact]
    public void Every_preset_names_its_states_and_carries_no_area_code_list()
    {
        foreach (var (name, states, areaCodes) in Presets().Where(p => p.Name != nameof(QuietHoursRule.UnitedStatesFederal)))
        {
            states.Should().NotBeNullOrEmpty($"{name} names its state");
            areaCodes.Should().BeNull($"{name} leaves the area codes to the data");
        }
    }

    public static TheoryData<string, int[]> StateAreaCodes => new()
    {
        // NANPA's assignments as libphonenumber-csharp 9.0.43 knows them; a data update that moves one fails here, for review.
        { "CT", [203, 475, 860, 959] },
        { "NY", [201, 212, 315, 329, 332, 347, 363, 516, 518, 585, 607, 631, 646, 680, 716, 718, 838, 845, 914, 917, 929, 934] },
        { "VA", [276, 434, 540, 571, 686, 703, 757, 804, 826, 948] },
        { "SC", [803, 821, 839, 843, 854, 864] },
        { "MS", [228, 601, 662, 769] },
        { "FL", [239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786, 813, 850, 863, 904, 941, 954] },
        { "OK", [405, 539, 572, 580, 918] },
        { "MD", [227, 240, 301, 410, 443, 667] },
        { "OR", [458, 503, 541, 971] },
        { "TX", [210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 726, 737, 806, 817, 830, 832, 903, 915, 936, 940, 945, 956, 972, 979] },
    };

    [Theory]
    [MemberData(nameof(StateAreaCodes))]
    public void The_data_places_each_preset_states_area_codes(string state, int[] expected)
    {
        Table.AreaCodesOf(state).Should().Equal(expected);
        Presets().Where(p => p.States?.Contains(state) == true).Should().NotBeEmpty($"{state} has a preset");
    }

    [Fact]
    public void An_area_code_the_data_names_in_two_states_counts_for_both()
    {
        // New Jersey's 201 has one exchange, 201-631, that the data describes as "New York, NY".
        Table.Of(201).Should().Equal("NJ", "NY");
        Table.Of(212).Should().Equal("NY");
        Enumerable.Range(200, 800).Where(c => Table.Of(c).Count > 1).Should().Equal(201);
    }

    [Theory]
    [InlineData(800)] // toll-free
    [InlineData(833)]
    [InlineData(888)]
    [InlineData(500)] // personal communications services
    [InlineData(900)] // premium
    [InlineData(710)] // US government
    [InlineData(416)] // Toronto: Canada, not a state
    [InlineData(242)] // the Bahamas
    public void Non_geographic_and_foreign_area_codes_are_in_no_state(int areaCode) => Table.Of(areaCode).Should().BeEmpty();

    [Fact]
    public void Every_description_the_table_cannot_place_belongs_to_an_area_code_outside_the_United_States()
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var unplacedInUs = Table.Unplaced.Keys
            .Where(code => util.GetRegionCodeForNumber(util.Parse($"+1{code}2345678", null)) is "US" or null)
            .Select(code => $"{code}: {string.Join(" / ", Table.Unplaced[code].Take(3))}");

        unplacedInUs.Should().BeEmpty("every entry of a US area code names a state the table knows");
        Table.Unplaced.Should().ContainKeys(416, 514, 604, 242, 876);
        Table.Entries.Should().BeGreaterThan(30_000, "the whole of libphonenumber's data for +1 is read, exchanges included");
    }

    [Theory]
    [InlineData("Florida", "FL")]
    [InlineData("Miami, FL", "FL")]
    [InlineData("Washington State", "WA")]
    [InlineData("Washington D.C.", "DC")]
    [InlineData("New York, NY", "NY")]
    [InlineData("Toronto, ON", null)]
    [InlineData("Ontario", null)]
    [InlineData("St. Croix, VI", null)]
    [InlineData("Negril", null)]
    public void A_description_names_a_state_by_name_or_by_its_code_after_the_place(string description, string? state) =>
        AreaCodeStates.StateOf(description).Should().Be(state);

    /// <summary>What is wrong with a preset's area codes: each one the data does not place in one of its states.</summary>
    private static IEnumerable<string> Misplaced(string preset, IReadOnlySet<string>? states, IReadOnlySet<int>? areaCodes)
    {
        foreach (var code in areaCodes ?? new HashSet<int>())
        {
            var placed = Table.Of(code);
            if (states is null)
            {
                yield return $"{preset}: area code {code} names no state to hold it against";
            }
            else if (!placed.Any(states.Contains))
            {
                yield return $"{preset}: area code {code} is in {(placed.Count == 0 ? "no state" : string.Join(" and ", placed))} by the data, not in {string.Join(" or ", states)}";
            }
        }
    }

    /// <summary>Every preset of <see cref="QuietHoursRule"/> and <see cref="FrequencyCap"/>, found by reflection so a new one cannot be missed.</summary>
    private static IEnumerable<(string Name, IReadOnlySet<string>? States, IReadOnlySet<int>? AreaCodes)> Presets()
    {
        foreach (var property in typeof(QuietHoursRule).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(QuietHoursRule)))
        {
            var rule = (QuietHoursRule)property.GetValue(null)!;
            yield return (property.Name, rule.States, rule.AreaCodes);
        }

        foreach (var property in typeof(FrequencyCap).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(FrequencyCap)))
        {
            var cap = (FrequencyCap)property.GetValue(null)!;
            yield return ("FrequencyCap." + property.Name, cap.States, cap.AreaCodes);
        }
    }
}
