using SmsOptOut.Sending;

namespace SmsOptOut.Compliance.Internal;

/// <summary>
/// The rules a compliance profile attaches to a purpose whatever <see cref="SendingOptions.PurposeRules"/> says: the
/// content rules its law puts on every message of that purpose (docs/compliance.md, "Which rules bind which purpose").
/// </summary>
internal static class PurposeFloor
{
    /// <summary>The rules <paramref name="profiles"/> require of messages for <paramref name="purpose"/>.</summary>
    /// <param name="profiles">The host's profiles.</param>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The rules.</returns>
    public static SendRules Of(ComplianceProfiles profiles, MessagePurpose purpose)
    {
        var rules = SendRules.None;
        if (purpose == MessagePurpose.Marketing)
        {
            // US: 47 CFR 64.1200(d)(4) (telemarketing names the seller and a number or address); EU/UK: ePrivacy Art. 13(4),
            // PECR reg. 23 (no concealed sender, a valid address to object to); Canada: CASL s. 6(2).
            if ((profiles & ComplianceProfiles.UnitedStates) != 0)
            {
                rules |= SendRules.SenderIdentification;
            }

            if ((profiles & (ComplianceProfiles.EuropeUk | ComplianceProfiles.Canada)) != 0)
            {
                rules |= SendRules.SenderIdentification | SendRules.OptOutMechanism;
            }
        }
        else if (purpose == MessagePurpose.Transactional && (profiles & ComplianceProfiles.Canada) != 0)
        {
            // CASL s. 6(6) lifts only the consent requirement from the messages it lists; s. 6(2) still binds them.
            rules |= SendRules.SenderIdentification | SendRules.OptOutMechanism;
        }

        return rules;
    }

    /// <summary>Whether identification under <paramref name="profiles"/> includes contact details, not only the name (US (d)(4), CASL s. 6(2)(b)).</summary>
    /// <param name="profiles">The host's profiles.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool RequiresContact(ComplianceProfiles profiles) => (profiles & (ComplianceProfiles.UnitedStates | ComplianceProfiles.Canada)) != 0;
}
