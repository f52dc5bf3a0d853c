using SmsOptOut.Keywords;
using SmsOptOut.Keywords.Internal;
using SmsOptOut.Sending;

namespace SmsOptOut.Compliance.Internal;

/// <summary>The settings that break a jurisdiction's rules, each with the rule and its source (docs/compliance.md).</summary>
internal static class ComplianceRules
{
    /// <summary>The shortest opt-out link lifetime CASL s. 11(2) allows.</summary>
    public static readonly TimeSpan CaslMinimumLinkLifetime = TimeSpan.FromDays(60);

    public const string Fcc = "47 CFR 64.1200(a)(10), FCC 24-24, https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200";

    public const string CaslUnsubscribe = "CASL s. 11, https://laws-lois.justice.gc.ca/eng/acts/E-1.6/page-2.html";

    public const string Identification = "47 CFR 64.1200(d)(4), name and a telephone number or address, https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200";

    public const string CaslContent = "CASL s. 6(2), https://laws-lois.justice.gc.ca/eng/acts/E-1.6/page-1.html";

    /// <summary>
    /// The EU/UK opt-out rule: Art. 13(4) (a valid address to ask the sender to stop, in every direct-marketing message),
    /// and Art. 13(2) only for messages sent under the soft opt-in (the objection offered in each of them).
    /// </summary>
    public const string EPrivacy = "ePrivacy Directive Art. 13(4), a valid address to opt out in every direct-marketing message, and Art. 13(2) for messages sent under the soft opt-in (UK: PECR regs. 23 and 22(3)), https://eur-lex.europa.eu/eli/dir/2002/58/oj";

    public const string Ctia = "CTIA Messaging Principles and Best Practices (May 2023), enforced by US carriers, https://api.ctia.org/wp-content/uploads/2023/05/230523-CTIA-Messaging-Principles-and-Best-Practices-FINAL.pdf";

    public const string Gdpr = "GDPR Art. 21(3), https://eur-lex.europa.eu/eli/reg/2016/679/oj";

    /// <summary>The profiles under which an opt-out narrower than the sender is refused.</summary>
    public const ComplianceProfiles NarrowScopeProfiles = ComplianceProfiles.UnitedStates | ComplianceProfiles.Canada | ComplianceProfiles.EuropeUk;

    /// <summary>Keyword replies carriers reject: without the brand, or a HELP reply without a contact (CTIA).</summary>
    private static IEnumerable<ComplianceFinding> CheckReplies(KeywordOptions keywords, SenderIdentity identity, bool identityPerAccount)
    {
        if (!keywords.SendReplies)
        {
            yield break;
        }

        var replies = ReplyTemplate.RepliesOf(keywords);
        foreach (var (name, text) in replies)
        {
            if (!text.Contains(ReplyTemplate.Brand, StringComparison.Ordinal) && (identity.Name is null || !text.Contains(identity.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new(ComplianceProfiles.UnitedStates,
                    $"SmsOptOutOptions.Keywords.{name} does not name the brand; US carriers reject keyword replies without it ({Ctia}). Put {ReplyTemplate.Brand} in it.");
            }
        }

        if (!identityPerAccount && identity.Name is null && replies.Any(r => r.Item2.Contains(ReplyTemplate.Brand, StringComparison.Ordinal)))
        {
            yield return new(ComplianceProfiles.UnitedStates,
                $"SmsOptOutOptions.Sending.SenderIdentity.Name is not set, so keyword replies name the account id as the brand ({Ctia}). Set it, or register an ISenderIdentityProvider that gives each account its brand.");
        }

        foreach (var (name, text) in replies.Where(r => r.Item1 is "OptInReply" or "DoubleOptIn.ConfirmationRequest" or "DoubleOptIn.ConfirmedReply"))
        {
            var missing = ConfirmationContent.Missing(text, identity.Name).ToList();
            if (missing.Count > 0)
            {
                yield return new(ComplianceProfiles.UnitedStates,
                    $"SmsOptOutOptions.Keywords.{name} confirms a subscription but lacks {string.Join(", ", missing)}; US carriers expect an opt-in confirmation to give the program name, message frequency, \"Msg & data rates may apply\", HELP and STOP instructions and a contact ({Ctia}).");
            }
        }

        if (!keywords.HelpReply.Contains(ReplyTemplate.Contact, StringComparison.Ordinal)
            || (!identityPerAccount && string.IsNullOrEmpty(identity.Contact)))
        {
            yield return new(ComplianceProfiles.UnitedStates,
                $"SmsOptOutOptions.Keywords.HelpReply gives no contact; US carriers reject a HELP reply without a phone number, e-mail or web address ({Ctia}). Put {ReplyTemplate.Contact} in it and set SmsOptOutOptions.Sending.SenderIdentity.Contact (or supply it per account with an ISenderIdentityProvider).");
        }
    }

    /// <summary>Why an opt-out narrower than the account breaks each profile, for <paramref name="setting"/>.</summary>
    public static string NarrowScope(string setting) =>
        $"{setting}: an opt-out must stop every message of the sender (US: {Fcc}; Canada: {CaslUnsubscribe}; EU/UK: {Gdpr}). " +
        "Set SmsOptOutOptions.Compliance.AllowNarrowOptOutScopes only where your counsel has decided otherwise.";

    /// <summary>Every setting of <paramref name="options"/> that breaks a rule of some profile.</summary>
    /// <param name="options">The options.</param>
    /// <param name="identityPerAccount">Whether an <see cref="ISenderIdentityProvider"/> of the host's supplies brands and contacts per account (they cannot be checked at start-up).</param>
    public static IEnumerable<ComplianceFinding> Check(SmsOptOutOptions options, bool identityPerAccount = false)
    {
        foreach (var finding in CheckReplies(options.Keywords, options.Sending.SenderIdentity, identityPerAccount))
        {
            yield return finding;
        }

        if (options.Keywords.Matching == KeywordMatching.Strict)
        {
            yield return new(ComplianceProfiles.UnitedStates,
                $"SmsOptOutOptions.Keywords.Matching is Strict, which ignores revocations such as \"please stop texting me\"; the FCC requires a revocation by any reasonable means to be honoured ({Fcc}). Use Lenient.");
        }

        if (options.Keywords.Scope == KeywordScope.SendingNumber && !options.Compliance.AllowNarrowOptOutScopes)
        {
            yield return new(NarrowScopeProfiles, NarrowScope("SmsOptOutOptions.Keywords.Scope is SendingNumber"));
        }

        if (options.Links.Lifetime < CaslMinimumLinkLifetime)
        {
            yield return new(ComplianceProfiles.Canada,
                $"SmsOptOutOptions.Links.Lifetime {options.Links.Lifetime} is shorter than 60 days; an unsubscribe mechanism must stay valid for at least 60 days after the message is sent ({CaslUnsubscribe}).");
        }

        if (options.Sending.OptOutPolicy == OptOutPolicy.Off)
        {
            yield return new(ComplianceProfiles.Canada | ComplianceProfiles.EuropeUk,
                $"SmsOptOutOptions.Sending.OptOutPolicy is Off; every commercial message must offer a way to unsubscribe (Canada: {CaslContent}; EU/UK: {EPrivacy}). Use Warn or Enforce.");
        }

        if (options.Sending.SenderIdentificationPolicy == SenderIdentificationPolicy.Off)
        {
            yield return new(ComplianceProfiles.Canada | ComplianceProfiles.UnitedStates | ComplianceProfiles.EuropeUk,
                $"SmsOptOutOptions.Sending.SenderIdentificationPolicy is Off; every marketing message must identify its sender (US: {Identification}; Canada: {CaslContent}; EU/UK: {EPrivacy}). Use Warn or Enforce.");
        }
    }
}
