namespace SmsOptOut.Providers;

/// <summary>
/// The schedule of provider reconciliation (<c>SmsOptOutOptions.Reconciliation</c>): which accounts, how often, and how
/// far back each run reads again.
/// </summary>
public sealed class ReconciliationOptions
{
    /// <summary>
    /// The accounts the background service reconciles with every registered provider that lists its opt-outs. Empty (the
    /// default): the service idles; <c>IProviderReconciliation</c> and <c>smsoptout reconcile</c> still work on demand.
    /// </summary>
    public IList<string> Accounts { get; } = [];

    /// <summary>How often the background service reconciles each account. Default 1 hour; at least 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far before the last complete run's end each run reads again, for opt-outs a provider lists late. Default 1 day;
    /// what is read twice is recorded once. Zero to 31 days.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromDays(1);
}
