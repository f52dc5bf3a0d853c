namespace SmsOptOut.Storage;

/// <summary>
/// A time cut to whole milliseconds, in UTC: what every store keeps exactly (PostgreSQL keeps microseconds, a clock gives
/// 100-ns ticks), for times that are signed, hashed into a leaf, or compared after a store read them back.
/// </summary>
internal static class WholeMilliseconds
{
    /// <summary><paramref name="at"/> without the ticks below its millisecond, in UTC.</summary>
    public static DateTimeOffset Of(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
