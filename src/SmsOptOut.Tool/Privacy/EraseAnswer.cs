namespace SmsOptOut.Tool.Privacy;

/// <summary>The answer of <c>erase</c>: what was erased, per account.</summary>
internal sealed record EraseAnswer(string RequestId, bool Found, IReadOnlyList<SmsOptOut.Privacy.ErasureRecord> Records);
