namespace SmsOptOut.Compliance.Internal;

/// <summary>A setting that breaks a rule of <paramref name="Profiles"/>; <paramref name="Message"/> names the setting, the rule and its source.</summary>
internal sealed record ComplianceFinding(ComplianceProfiles Profiles, string Message);
