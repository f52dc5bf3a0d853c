namespace SmsOptOut.Compliance;

/// <summary>
/// The jurisdictions a sender sends to. Under a profile, settings that break one of its rules fail validation at
/// start-up with the rule and its source named; without one they are accepted with a warning. Combine them:
/// <c>UnitedStates | Canada</c>. See docs/compliance.md.
/// </summary>
[Flags]
public enum ComplianceProfiles
{
    /// <summary>No profile (the default): unsafe settings are logged as warnings at start-up.</summary>
    None = 0,

    /// <summary>US federal rules: the TCPA and the FCC's revocation rules (47 CFR 64.1200).</summary>
    UnitedStates = 1,

    /// <summary>Canada's Anti-Spam Legislation (CASL) and the CRTC's regulations.</summary>
    Canada = 2,

    /// <summary>The GDPR and the ePrivacy Directive (in the UK, UK GDPR and PECR).</summary>
    EuropeUk = 4,
}
