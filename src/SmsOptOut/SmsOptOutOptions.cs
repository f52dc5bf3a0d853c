namespace SmsOptOut;

/// <summary>Options of the SmsOptOut core, set through <c>services.AddSmsOptOut(o => …)</c> and validated at startup.</summary>
public sealed class SmsOptOutOptions
{
    /// <summary>
    /// ISO 3166-1 region (for example <c>US</c>, <c>GB</c>, <c>DE</c>) used to read numbers that have no country code,
    /// such as <c>020 7946 0958</c>. When <see langword="null"/> (the default), only numbers with a country code are accepted.
    /// </summary>
    public string? DefaultRegion { get; set; }
}
