using System.Runtime.CompilerServices;

namespace SmsOptOut.Keywords.Internal;

/// <summary>One classifier per <see cref="KeywordOptions"/> instance, built on first use and dropped with the options.</summary>
internal sealed class KeywordClassifierCache
{
    private readonly ConditionalWeakTable<KeywordOptions, KeywordClassifier> _classifiers = [];

    public KeywordClassifier Get(KeywordOptions options) => _classifiers.GetValue(options, KeywordClassifier.Create);
}
