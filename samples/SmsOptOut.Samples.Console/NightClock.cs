namespace SmsOptOut.Samples.Console;

/// <summary>The demo's clock for its calling-hours step: always 02:00 in San Francisco, whatever time the demo runs.</summary>
internal sealed class NightClock : TimeProvider
{
    /// <summary>2 July 2026, 02:00 PDT.</summary>
    public static readonly DateTimeOffset Now = new(2026, 7, 2, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
