namespace SmsOptOut.Reports.Internal;

/// <summary>Checks <see cref="ReportOptions"/> at startup.</summary>
internal static class ReportOptionsValidator
{
    private const string Path = "SmsOptOutOptions.Reports";

    public static void Validate(ReportOptions options, List<string> failures)
    {
        if (options.PollInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Path}.PollInterval {options.PollInterval} must be at least 1 second.");
        }

        if (options.SettleDelay < TimeSpan.Zero)
        {
            failures.Add($"{Path}.SettleDelay {options.SettleDelay} must not be negative.");
        }

        if (options.ClaimLease < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Path}.ClaimLease {options.ClaimLease} must be at least 1 second (longer than sending a report takes).");
        }

        if (options.MaxEmailBodyEntries < 0)
        {
            failures.Add($"{Path}.MaxEmailBodyEntries {options.MaxEmailBodyEntries} must not be negative.");
        }
    }
}
