using SmsOptOut.Privacy;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Privacy;

/// <summary>The answer of <c>erase</c>: what was erased, per account.</summary>
internal sealed record EraseAnswer(int Version, string RequestId, bool Found, IReadOnlyList<ErasedEntry> Records);

/// <summary>What one account erased.</summary>
internal sealed record ErasedEntry(string Account, string RequestId, string Reason, string ErasedAt, int Events, int Suppressions, int Tokens, int Webhooks, int Replies)
{
    public static ErasedEntry Of(ErasureRecord r) => new(r.Account.Value, r.RequestId, r.Reason, Spell.Instant(r.ErasedAt), r.Events, r.Suppressions, r.Tokens, r.Webhooks, r.Replies);
}
