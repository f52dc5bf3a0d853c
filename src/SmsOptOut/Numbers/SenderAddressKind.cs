namespace SmsOptOut.Numbers;

/// <summary>What kind of address an SMS is sent from, or a reply is sent to.</summary>
public enum SenderAddressKind
{
    /// <summary>A phone number in E.164 form: a long code or a toll-free number (<c>+14155550100</c>, <c>+18005550100</c>).</summary>
    PhoneNumber = 1,

    /// <summary>A short code: 3 to 8 digits, valid in one country (<c>12345</c> in the US).</summary>
    ShortCode = 2,

    /// <summary>An alphanumeric sender ID: up to 11 characters with at least one letter (<c>ACME</c>).</summary>
    Alphanumeric = 3,
}
