namespace SmsOptOut.Keywords;

/// <summary>
/// Keyword handling: which words opt out, opt in and ask for help, how strictly they match, and what is replied.
/// At <c>SmsOptOutOptions.Keywords</c>; per account through <see cref="IKeywordOptionsProvider"/>.
/// </summary>
public sealed class KeywordOptions
{
    /// <summary>The languages whose built-in keywords are used.</summary>
    public static readonly IReadOnlyCollection<string> BuiltInLanguages = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru"];

    /// <summary><see cref="KeywordMatching.Lenient"/> (default) or <see cref="KeywordMatching.Strict"/>.</summary>
    public KeywordMatching Matching { get; set; } = KeywordMatching.Lenient;

    /// <summary>Languages whose built-in keywords apply (default: all of <see cref="BuiltInLanguages"/>). English carrier keywords apply only while <c>en</c> is listed.</summary>
    public ISet<string> Languages { get; } = new HashSet<string>(BuiltInLanguages, StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra opt-out keywords (matched like the built-in ones).</summary>
    public ISet<string> OptOutKeywords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra opt-in keywords (always matched strictly: the whole message).</summary>
    public ISet<string> OptInKeywords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra help keywords.</summary>
    public ISet<string> HelpKeywords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Built-in keywords to leave out, for example <c>YES</c> when the account asks yes/no questions.</summary>
    public ISet<string> RemovedKeywords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a keyword opt-out applies to the whole account (default) or only to the number it was sent to.</summary>
    public KeywordScope Scope { get; set; } = KeywordScope.Account;

    /// <summary>Whether opt-out, opt-in and help messages are answered. Default on.</summary>
    public bool SendReplies { get; set; } = true;

    /// <summary>
    /// The one confirmation of an opt-out: no marketing content (FCC 2024 rules); it names the brand (CTIA). Replies may
    /// hold the placeholders <c>{brand}</c> (the account's <c>SenderIdentity.Name</c>, else its id) and <c>{contact}</c>
    /// (its <c>SenderIdentity.Contact</c>; without one, the placeholder and a label before it, such as <c>Help: </c>, are left out).
    /// </summary>
    public string OptOutReply { get; set; } = "{brand}: You are unsubscribed and will get no more messages. Reply START to resubscribe.";

    /// <summary>
    /// The confirmation of a re-subscription; placeholders as in <see cref="OptOutReply"/>. Carries the program (the
    /// brand), the frequency, "Msg &amp; data rates may apply", HELP and STOP, and the contact (CTIA's opt-in
    /// confirmation); under the <c>UnitedStates</c> profile a text without one of them is refused at start-up.
    /// </summary>
    public string OptInReply { get; set; } = "{brand}: Subscribed again. Msg freq varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel. Info: {contact}";

    /// <summary>The answer to HELP or INFO, also sent to opted-out numbers: the brand and where to get help (CTIA); placeholders as in <see cref="OptOutReply"/>.</summary>
    public string HelpReply { get; set; } = "{brand}: Help at {contact}. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.";

    /// <summary>Double opt-in: sign-up keywords, confirmation words, the confirmation text and how long it may be answered.</summary>
    public OptIn.DoubleOptInOptions DoubleOptIn { get; } = new();

    /// <summary>
    /// Replies are sent only this soon after the message was received: 5 minutes by default, inside the FCC's presumption
    /// (an opt-out confirmation sent within 5 minutes is presumed lawful; later, the delay must be shown reasonable).
    /// </summary>
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An opted-out number that sends STOP again gets no reply when its opt-out, or the last such reply, is more recent than this. Default 24 hours.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromHours(24);
}
