namespace SmsOptOut.Reports;

/// <summary>How an account owner receives unsubscription reports.</summary>
[Flags]
public enum ReportChannels
{
    /// <summary>No reports.</summary>
    None = 0,

    /// <summary>An email with a plain-text and an HTML body and the full list as a CSV attachment.</summary>
    Email = 1,

    /// <summary>A short SMS digest that fits the configured number of segments.</summary>
    Sms = 2,

    /// <summary>Both.</summary>
    EmailAndSms = Email | Sms,
}
