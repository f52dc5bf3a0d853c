namespace SmsOptOut.OptIn;

/// <summary>
/// Double opt-in: what the confirmation text says, how long it may be answered, and which keywords sign up. At
/// <c>SmsOptOutOptions.Keywords.DoubleOptIn</c>; per account through <c>IKeywordOptionsProvider</c>.
/// </summary>
public sealed class DoubleOptInOptions
{
    /// <summary>
    /// Words that sign a number up by text (for example <c>JOIN</c>; none by default): they are answered with the
    /// confirmation text, and a YES within <see cref="RequestLifetime"/> confirms. Matched as the whole message.
    /// </summary>
    public ISet<string> SignUpKeywords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Extra words that confirm a pending request, beside the built-in YES, Y, YEAH, YEP, SURE, OUI, JA, SI, SIM, TAK,
    /// ДА (folded like keywords: "yes!", "Sí", "YESSS" match). Only a number with a pending request is confirmed by them.
    /// </summary>
    public ISet<string> ConfirmationWords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The confirmation text; placeholders as in <c>KeywordOptions.OptOutReply</c>. It names the program (the brand), how
    /// to confirm, the frequency, that rates may apply, HELP and STOP, and the contact (CTIA's disclosure for a recurring
    /// program); under the <c>UnitedStates</c> profile a text without one of them is refused at start-up.
    /// </summary>
    public string ConfirmationRequest { get; set; } = "{brand}: Reply YES to join. Recurring msgs, freq varies. Msg&data rates may apply. HELP for help, STOP to end. Info: {contact}";

    /// <summary>
    /// The answer to a YES that confirmed a request; placeholders as in <c>KeywordOptions.OptOutReply</c>. Carries the
    /// same content as <see cref="ConfirmationRequest"/> (CTIA's opt-in confirmation), held to it under the <c>UnitedStates</c> profile.
    /// </summary>
    public string ConfirmedReply { get; set; } = "{brand}: You're subscribed. Msg freq varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel. Info: {contact}";

    /// <summary>How long a request may be confirmed: 24 hours by default. An unconfirmed request then lapses and is deleted.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How soon after a request the same number may be sent another confirmation text: 10 minutes by default, so a
    /// form cannot be used to flood a phone (or run up an SMS bill).
    /// </summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromMinutes(10);
}
