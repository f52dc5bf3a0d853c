using SmsOptOut.Consent;

namespace SmsOptOut.Storage;

/// <summary>Conversions every storage adapter makes between SmsOptOut's types and stored columns. For storage adapter authors.</summary>
public static class StoredValues
{
    /// <summary>An instant as UTC ticks: exact, ordered, and independent of the offset it was written with.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>Ticks since 0001-01-01 UTC.</returns>
    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    /// <summary>An instant read back from <see cref="Ticks"/>.</summary>
    /// <param name="ticks">Ticks since 0001-01-01 UTC.</param>
    /// <returns>The instant, in UTC.</returns>
    public static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>A list id read from a nullable column.</summary>
    /// <param name="value">The stored text, or <see langword="null"/>.</param>
    /// <returns>The list, or <see langword="null"/>.</returns>
    public static ListId? List(string? value) => value is null ? null : new ListId(value);

    /// <summary>A campaign id read from a nullable column.</summary>
    /// <param name="value">The stored text, or <see langword="null"/>.</param>
    /// <returns>The campaign, or <see langword="null"/>.</returns>
    public static CampaignId? Campaign(string? value) => value is null ? null : new CampaignId(value);
}
