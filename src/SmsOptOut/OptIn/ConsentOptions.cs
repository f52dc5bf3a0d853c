namespace SmsOptOut.OptIn;

/// <summary>How long recorded consents last, at <c>SmsOptOutOptions.Consent</c>.</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// The lifetime of each implied basis per jurisdiction. By default CASL's (purchase 2 years, inquiry 6 months,
    /// membership 2 years) and the TCPA's established business relationship (purchase 18 months, inquiry 3 months). A
    /// basis without an applicable row does not expire. The expiry is computed when a consent is recorded and stored
    /// with it; changing the table affects consents recorded afterwards.
    /// </summary>
    public IList<ConsentLifetime> Lifetimes { get; } =
    [
        ConsentLifetime.CanadaPurchase, ConsentLifetime.CanadaInquiry, ConsentLifetime.CanadaMembership,
        ConsentLifetime.UnitedStatesPurchase, ConsentLifetime.UnitedStatesInquiry,
    ];
}
