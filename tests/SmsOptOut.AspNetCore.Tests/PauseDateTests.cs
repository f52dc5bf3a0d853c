using SmsOptOut.AspNetCore.Internal;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The dates the preference center shows, as each language writes them (the first of a month as an ordinal where the
/// language does), and the instant a pause ends: after its last shown day has passed everywhere on earth.
/// </summary>
public sealed class PauseDateTests
{
    public static TheoryData<string, string, string> FirstOfJanuary => new()
    {
        { "en", "January 1, 2027", "Until January 1, 2027" },
        { "fr", "1er janvier 2027", "Jusqu’au 1er janvier 2027" },
        { "de", "1. Januar 2027", "Bis zum 1. Januar 2027" },
        { "es", "1 de enero de 2027", "Hasta el 1 de enero de 2027" },
        { "it", "venerdì 1º gennaio 2027", "Fino a venerdì 1º gennaio 2027" },
        { "pt-BR", "1º de janeiro de 2027", "Até 1º de janeiro de 2027" },
        { "nl", "1 januari 2027", "Tot 1 januari 2027" },
        { "pl", "1 stycznia 2027", "Do 1 stycznia 2027" },
        { "ru", "1 января 2027 г.", "До 1 января 2027 г." },
    };

    [Theory]
    [MemberData(nameof(FirstOfJanuary))]
    public void The_first_of_a_month_is_written_as_each_language_writes_it(string language, string date, string option)
    {
        var texts = language == "en" ? SmsOptOutPageTexts.English : new SmsOptOutEndpointOptions().LocalizedTexts[language.Split('-')[0]];
        var day = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        PreferenceCenter.Date(texts, day).Should().Be(date);
        PreferenceCenter.Fill(texts.PauseUntilOption, "Acme", PreferenceCenter.Date(texts, day)).Should().Be(option);
        PreferenceCenter.Date(texts, day.AddDays(7)).Should().NotContain("1er").And.NotContain("º", "only the first of a month is an ordinal");
    }

    [Theory]
    [InlineData("2026-12-07T00:00:00Z")]
    [InlineData("2026-12-07T09:30:00Z")]
    [InlineData("2026-12-07T23:59:59Z")]
    public void A_pause_ends_after_its_last_shown_day_has_passed_in_every_time_zone(string chosen)
    {
        var now = DateTimeOffset.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture);

        var end = PreferenceCenter.PauseEnd(now, 30);

        PreferenceCenter.LastPausedDay(end).UtcDateTime.Date.Should().Be(new DateTime(2027, 1, 6));
        end.Should().Be(new DateTimeOffset(2027, 1, 7, 12, 0, 0, TimeSpan.Zero));
        end.ToOffset(TimeSpan.FromHours(-12)).Date.Should().Be(new DateTime(2027, 1, 7), "at UTC−12 the end is the first moment of the next day");
        end.ToOffset(TimeSpan.FromHours(14)).Date.Should().Be(new DateTime(2027, 1, 8), "at UTC+14 the pause lasts longer, never shorter");
    }
}
