using SmsOptOut.Reports;

namespace SmsOptOut.Tests.Reports;

/// <summary>When reports are due.</summary>
public sealed class ReportCadenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 10, 17, 0, TimeSpan.Zero);

    [Fact]
    public void Daily_follows_the_local_time_across_a_daylight_saving_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var cadence = ReportCadence.Daily(new TimeOnly(8, 0), berlin);

        // 28 March 2026, 08:00 in Berlin is 07:00 UTC; on 29 March summer time starts, 08:00 is 06:00 UTC.
        var sent = new DateTimeOffset(2026, 3, 28, 7, 0, 5, TimeSpan.Zero);
        cadence.NextDue(sent, Now).ToUniversalTime().Should().Be(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Hourly_is_due_on_the_next_hour_and_immediate_after_its_window()
    {
        ReportCadence.Hourly.NextDue(Now, Now).Should().Be(new DateTimeOffset(2026, 3, 28, 11, 0, 0, TimeSpan.Zero));
        ReportCadence.Immediate(TimeSpan.FromMinutes(15)).NextDue(Now, Now).Should().Be(Now.AddMinutes(15));
        ReportCadence.Immediate(TimeSpan.FromMinutes(15)).NextDue(null, Now).Should().Be(Now, "nothing was sent yet");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(86_401)]
    public void An_immediate_window_outside_a_minute_to_a_day_is_refused(int seconds)
    {
        var act = () => ReportCadence.Immediate(TimeSpan.FromSeconds(seconds));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("batchWindow").WithMessage("*between 1 minute and 1 day*");
    }
}
