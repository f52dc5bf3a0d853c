namespace SmsOptOut.Keywords;

/// <summary>The classification of one inbound message.</summary>
/// <param name="Class">What the message asks for.</param>
/// <param name="Keyword">The keyword that matched, as folded (for example <c>STOP</c>, <c>ARET</c>); <see langword="null"/> for <see cref="KeywordClass.None"/>.</param>
/// <param name="IsWholeMessage">Whether the whole message was the keyword (a strict match) rather than a lenient phrase.</param>
public readonly record struct KeywordMatch(KeywordClass Class, string? Keyword, bool IsWholeMessage)
{
    /// <summary>No keyword.</summary>
    public static KeywordMatch None => default;
}
