namespace SmsOptOut.Reports;

/// <summary>What an account's next report would say right now, without sending it or moving its cursor.</summary>
/// <param name="OptOuts">Opt-outs since the last report.</param>
/// <param name="OptIns">Opt-ins since the last report (0 when the settings leave them out).</param>
/// <param name="Email">The email the owner would receive.</param>
/// <param name="Sms">The SMS digest the owner would receive.</param>
public sealed record ReportPreview(int OptOuts, int OptIns, EmailMessage Email, string Sms);
