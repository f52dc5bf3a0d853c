using System.Buffers;
using System.Collections.Frozen;
using SmsOptOut.Keywords.Internal;

namespace SmsOptOut.Keywords;

/// <summary>
/// Classifies inbound messages as opt-out, opt-in, help or nothing. Built once from <see cref="KeywordOptions"/> and
/// safe to share between threads; <see cref="Classify"/> allocates nothing for messages up to 512 characters.
/// </summary>
/// <remarks>
/// <para>Folding: letter case, accents and diacritics, full-width forms, surrounding white space and punctuation,
/// apostrophes, format characters inside a word (zero-width space, soft hyphen, bidi marks), and runs of the same letter
/// ("Stooop!!" is STOP). A message spelled letter by letter ("S T O P", "s.t.o.p") is joined into one word.</para>
/// <para>Look-alikes: a word that is not one the classifier knows, but whose Unicode TR39 confusable skeleton is that of
/// exactly one word it knows, is read as that word — "STОP" with a Cyrillic О, "ЅТОР" in Cyrillic letters, "ST0P" with a
/// zero. Whole words only: a word the classifier knows (СТОП, STOP) is never changed, and a letter is never changed on its
/// own (Cyrillic С looks like Latin C, so "СTOP" is not STOP).</para>
/// <para>Strict: the whole message is one keyword. Lenient (default) also accepts a sentence (split at . ! ? ; , : and
/// line breaks) that is an opt-out or help keyword, optionally opened by polite words ("please", "I want to") and
/// followed only by words about the sender, the messages or politeness ("me", "texting", "thank you"). Any other word
/// in that sentence — "Don't stop the deliveries", "Stop by tomorrow?" — means it is not a keyword. Opt-in keywords
/// always need the whole message, because a wrong opt-in would resume messages nobody asked for.</para>
/// </remarks>
public sealed class KeywordClassifier
{
    private const int StackLimit = 512;
    private const int MaxPhraseWords = 3;

    private readonly FrozenDictionary<string, KeywordClass> _whole;
    private readonly FrozenDictionary<string, KeywordMatch>.AlternateLookup<ReadOnlySpan<char>> _wholeLookup;
    private readonly FrozenDictionary<string, KeywordMatch>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _leads;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _fillers;
    private readonly int _longestKeyword;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _vocabulary;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookAlikes;

    private KeywordClassifier(KeywordOptions options)
    {
        Matching = options.Matching;
        var whole = new Dictionary<string, KeywordClass>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, KeywordClass>(StringComparer.Ordinal);
        var removed = options.RemovedKeywords.Select(KeywordNormalizer.NormalizeKeyword).ToHashSet(StringComparer.Ordinal);

        foreach (var (code, language) in KeywordLists.Languages)
        {
            if (!options.Languages.Contains(code))
            {
                continue;
            }

            Add(whole, language.OptOut, KeywordClass.OptOut, removed);
            Add(whole, language.OptIn, KeywordClass.OptIn, removed);
            Add(whole, language.Help, KeywordClass.Help, removed);
            Add(phrases, language.OptOut, KeywordClass.OptOut, removed);
            Add(phrases, language.Help, KeywordClass.Help, removed);
            Add(phrases, language.LenientOptOut, KeywordClass.OptOut, removed);
        }

        Add(whole, options.OptOutKeywords, KeywordClass.OptOut, removed);
        Add(whole, options.OptInKeywords, KeywordClass.OptIn, removed);
        Add(whole, options.HelpKeywords, KeywordClass.Help, removed);
        Add(phrases, options.OptOutKeywords, KeywordClass.OptOut, removed);
        Add(phrases, options.HelpKeywords, KeywordClass.Help, removed);

        foreach (var (phrase, kind) in phrases)
        {
            if (whole.TryGetValue(phrase, out var other) && other != kind)
            {
                throw new ArgumentException($"The keyword '{phrase}' is configured both as {kind} and as {other}.", nameof(options));
            }
        }

        _whole = whole.ToFrozenDictionary(StringComparer.Ordinal);
        _wholeLookup = whole.ToFrozenDictionary(p => p.Key, p => new KeywordMatch(p.Value, p.Key, IsWholeMessage: true), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseLookup = phrases.ToFrozenDictionary(p => p.Key, p => new KeywordMatch(p.Value, p.Key, IsWholeMessage: false), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _leads = KeywordLists.Leads.Select(KeywordNormalizer.NormalizeKeyword).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _fillers = KeywordLists.Fillers.Select(KeywordNormalizer.NormalizeKeyword).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _longestKeyword = _whole.Keys.Max(k => k.Length);
        var vocabulary = whole.Keys.Concat(phrases.Keys).SelectMany(k => k.Split(KeywordNormalizer.WordBreak))
            .Concat(KeywordLists.Leads.Select(KeywordNormalizer.NormalizeKeyword)).Concat(KeywordLists.Fillers.Select(KeywordNormalizer.NormalizeKeyword))
            .ToHashSet(StringComparer.Ordinal);
        _vocabulary = vocabulary.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _lookAlikes = vocabulary.GroupBy(w => Confusables.Skeleton(w), StringComparer.Ordinal)
            .Where(g => g.Count() == 1) // two known words that look alike: neither is guessed
            .ToFrozenDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Strict or lenient matching.</summary>
    public KeywordMatching Matching { get; }

    /// <summary>Every whole-message keyword as folded, with its class (for documentation and diagnostics).</summary>
    public IReadOnlyDictionary<string, KeywordClass> Keywords => _whole;

    /// <summary>Builds a classifier from <paramref name="options"/>.</summary>
    /// <param name="options">The keyword options.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A keyword is configured in two classes, or folds to nothing.</exception>
    public static KeywordClassifier Create(KeywordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KeywordClassifier(options);
    }

    /// <summary>Classifies one message.</summary>
    /// <param name="text">The message body; <see langword="null"/> or empty is <see cref="KeywordClass.None"/>.</param>
    /// <returns>The class and the keyword that matched.</returns>
    public KeywordMatch Classify(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return KeywordMatch.None;
        }

        char[]? rented = null;
        char[]? rentedLookAlikes = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var normalized = buffer[..KeywordNormalizer.Normalize(text, buffer)];
            if (normalized.IsEmpty)
            {
                return KeywordMatch.None;
            }

            normalized = JoinSpelledOut(normalized);
            if (HasOtherThanLatinLetters(normalized))
            {
                normalized = ReadLookAlikes(normalized, ref rentedLookAlikes);
            }

            var whole = MatchWhole(normalized);
            if (whole.Class != KeywordClass.None || Matching == KeywordMatching.Strict)
            {
                return whole;
            }

            return MatchSentences(normalized);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }

            if (rentedLookAlikes is not null)
            {
                ArrayPool<char>.Shared.Return(rentedLookAlikes);
            }
        }
    }

    private KeywordMatch MatchWhole(Span<char> normalized)
    {
        if (normalized.Length > _longestKeyword)
        {
            return KeywordMatch.None;
        }

        Span<char> joined = stackalloc char[normalized.Length];
        normalized.CopyTo(joined);
        joined.Replace(KeywordNormalizer.SentenceBreak, KeywordNormalizer.WordBreak);
        return _wholeLookup.TryGetValue(joined, out var match) ? match : KeywordMatch.None;
    }

    private KeywordMatch MatchSentences(ReadOnlySpan<char> normalized)
    {
        var help = KeywordMatch.None;
        foreach (var range in normalized.Split(KeywordNormalizer.SentenceBreak))
        {
            var match = MatchSentence(normalized[range]);
            if (match.Class == KeywordClass.OptOut)
            {
                return match;
            }

            if (match.Class == KeywordClass.Help)
            {
                help = match;
            }
        }

        return help;
    }

    private KeywordMatch MatchSentence(ReadOnlySpan<char> sentence)
    {
        Span<Range> words = stackalloc Range[Math.Min(64, (sentence.Length / 2) + 1)];
        var count = sentence.Split(words, KeywordNormalizer.WordBreak);
        if (count == words.Length)
        {
            return KeywordMatch.None;
        }

        for (var start = 0; start < count; start++)
        {
            for (var length = Math.Min(MaxPhraseWords, count - start); length >= 1; length--)
            {
                var phrase = sentence[words[start].Start..words[start + length - 1].End];
                if (_phraseLookup.TryGetValue(phrase, out var match) && IsTail(match.Class, sentence, words[(start + length)..count]))
                {
                    return match;
                }
            }

            if (!_leads.Contains(sentence[words[start]]))
            {
                break;
            }
        }

        return KeywordMatch.None;
    }

    /// <summary>
    /// Whether the words after a matched keyword may follow it: filler words, and after an opt-out also further
    /// opt-out keywords ("STOP STOP STOP", "Stopp bitte keine SMS mehr"). After help, only fillers: "Help stop" is unclear.
    /// </summary>
    private bool IsTail(KeywordClass matched, ReadOnlySpan<char> sentence, ReadOnlySpan<Range> words)
    {
        var i = 0;
        while (i < words.Length)
        {
            if (_fillers.Contains(sentence[words[i]]))
            {
                i++;
                continue;
            }

            var next = matched == KeywordClass.OptOut ? OptOutPhraseLength(sentence, words[i..]) : 0;
            if (next == 0)
            {
                return false;
            }

            i += next;
        }

        return true;
    }

    /// <summary>How many words of the opt-out keyword that <paramref name="words"/> starts with; 0 when none does.</summary>
    private int OptOutPhraseLength(ReadOnlySpan<char> sentence, ReadOnlySpan<Range> words)
    {
        for (var length = Math.Min(MaxPhraseWords, words.Length); length >= 1; length--)
        {
            if (_phraseLookup.TryGetValue(sentence[words[0].Start..words[length - 1].End], out var match) && match.Class == KeywordClass.OptOut)
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>Whether the folded text holds anything but A–Z and breaks (another script, a digit): only then can a word be a look-alike.</summary>
    private static bool HasOtherThanLatinLetters(ReadOnlySpan<char> normalized)
    {
        foreach (var c in normalized)
        {
            if (c is not ((>= 'A' and <= 'Z') or KeywordNormalizer.WordBreak or KeywordNormalizer.SentenceBreak))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text with every unknown word whose confusable skeleton is that of exactly one known word replaced by that word;
    /// known words, and words that look like none, unchanged.
    /// </summary>
    private Span<char> ReadLookAlikes(Span<char> normalized, ref char[]? rented)
    {
        var output = rented = ArrayPool<char>.Shared.Rent((normalized.Length * 2) + 16);
        var length = 0;
        Span<char> skeleton = stackalloc char[128];
        var start = 0;
        for (var i = 0; i <= normalized.Length; i++)
        {
            if (i < normalized.Length && normalized[i] is not (KeywordNormalizer.WordBreak or KeywordNormalizer.SentenceBreak))
            {
                continue;
            }

            ReadOnlySpan<char> word = normalized[start..i];
            if (!_vocabulary.Contains(word) && Confusables.WriteSkeleton(word, skeleton) is > 0 and var written
                && _lookAlikes.TryGetValue(skeleton[..written], out var known))
            {
                word = known;
            }

            if (length + word.Length + 1 > output.Length)
            {
                return normalized;
            }

            word.CopyTo(output.AsSpan(length));
            length += word.Length;
            if (i < normalized.Length)
            {
                output[length++] = normalized[i];
            }

            start = i + 1;
        }

        return output.AsSpan(0, length);
    }

    /// <summary>"S T O P" and "S.T.O.P" become "STOP" when every word of the message is a single letter (three or more).</summary>
    private static Span<char> JoinSpelledOut(Span<char> normalized)
    {
        if (normalized.Length < 5)
        {
            return normalized;
        }

        for (var i = 1; i < normalized.Length; i += 2)
        {
            if (normalized[i] is not (KeywordNormalizer.WordBreak or KeywordNormalizer.SentenceBreak)
                || normalized[i - 1] is KeywordNormalizer.WordBreak or KeywordNormalizer.SentenceBreak)
            {
                return normalized;
            }
        }

        if (normalized.Length % 2 == 0)
        {
            return normalized;
        }

        var letters = 0;
        for (var i = 0; i < normalized.Length; i += 2)
        {
            normalized[letters++] = normalized[i];
        }

        return normalized[..letters];
    }

    private static void Add(Dictionary<string, KeywordClass> target, IEnumerable<string> keywords, KeywordClass kind, HashSet<string> removed)
    {
        foreach (var keyword in keywords)
        {
            var folded = KeywordNormalizer.NormalizeKeyword(keyword);
            if (folded.Length == 0)
            {
                throw new ArgumentException($"The keyword '{keyword}' has no letters or digits.", nameof(keywords));
            }

            if (removed.Contains(folded))
            {
                continue;
            }

            if (target.TryGetValue(folded, out var existing) && existing != kind)
            {
                throw new ArgumentException($"The keyword '{keyword}' ({folded}) is configured both as {existing} and as {kind}.", nameof(keywords));
            }

            target[folded] = kind;
        }
    }
}
