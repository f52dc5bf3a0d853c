using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using SmsOptOut.Keywords;
using SmsOptOut.Tests.Keywords;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Classifying the whole test corpus (STOP in every form, phrasings, ordinary replies, 1,600-character bodies),
/// against the check most applications write — upper-case and trim the message and look it up in a set of keywords —
/// in the same run. Results are per message.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class KeywordBenchmarks
{
    /// <summary>The corpus's message count (attributes need a constant; <see cref="Check"/> keeps it honest).</summary>
    private const int CorpusSize = 275;

    private static readonly FrozenSet<string> NaiveKeywords =
        new[] { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "START", "HELP" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string[] _corpus = KeywordCorpus.Messages.Select(m => m.Text).ToArray();
    private readonly KeywordClassifier _strict = KeywordClassifier.Create(new KeywordOptions { Matching = KeywordMatching.Strict });
    private readonly KeywordClassifier _lenient = KeywordClassifier.Create(new KeywordOptions());

    private int Operations => _corpus.Length;

    [Benchmark(Baseline = true, OperationsPerInvoke = CorpusSize, Description = "naive: Trim().ToUpperInvariant() in a set")]
    public int Naive()
    {
        var hits = 0;
        foreach (var text in _corpus)
        {
            hits += NaiveKeywords.Contains(text.Trim().ToUpperInvariant()) ? 1 : 0;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "KeywordClassifier, strict")]
    public int Strict()
    {
        var hits = 0;
        foreach (var text in _corpus)
        {
            hits += (int)_strict.Classify(text).Class;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "KeywordClassifier, lenient")]
    public int Lenient()
    {
        var hits = 0;
        foreach (var text in _corpus)
        {
            hits += (int)_lenient.Classify(text).Class;
        }

        return hits;
    }

    [GlobalSetup]
    public void Check()
    {
        if (Operations != CorpusSize)
        {
            throw new InvalidOperationException($"The corpus has {Operations} messages; update CorpusSize.");
        }
    }
}
