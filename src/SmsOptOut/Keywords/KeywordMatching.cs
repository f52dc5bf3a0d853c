namespace SmsOptOut.Keywords;

/// <summary>How much of a message must be a keyword.</summary>
public enum KeywordMatching
{
    /// <summary>The whole message (after folding case, accents, punctuation and spacing) is one keyword — what carriers do.</summary>
    Strict = 1,

    /// <summary>
    /// The default: also a sentence that is only an opt-out or help keyword with polite or self-referring words around
    /// it ("Stop. Thank you", "please stop texting me", "unsubscribe me"). Opt-in keywords stay strict. See the docs.
    /// </summary>
    Lenient = 2,
}
