using System.Globalization;
using System.Text;
using SmsOptOut.Consent;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The canonical form of a consent event as a leaf of its account's log (docs/evidence.md, "The leaf"): a tag, the
/// event's salt and every field of the event and its evidence in a fixed order, each written as a netstring
/// (<c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>) and an absent one as <c>-,</c> — so no value can be read as
/// another, and a few lines of any language rebuild it. The leaf hash is <c>SHA-256(0x00 ‖ form)</c>. The salt makes
/// the hash of an erased event reveal nothing about the number it held.
/// </summary>
internal static class ConsentLeaf
{
    /// <summary>The tag the form starts with; a new form gets a new tag.</summary>
    public const string Tag = "smsoptout-consent-v1";

    /// <summary>The size of an event's salt.</summary>
    public const int SaltSize = 16;

    /// <summary>The canonical form of <paramref name="e"/> under <paramref name="salt"/>.</summary>
    public static byte[] Form(ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"A leaf's salt is {SaltSize} bytes; got {salt.Length}.", nameof(salt));
        }

        var form = new StringBuilder(512);
        foreach (var field in Fields(e, Convert.ToHexStringLower(salt)))
        {
            if (field is null)
            {
                form.Append("-,");
            }
            else
            {
                form.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(',');
            }
        }

        return Encoding.UTF8.GetBytes(form.ToString());
    }

    /// <summary>The leaf hash of <paramref name="e"/> under <paramref name="salt"/>.</summary>
    public static byte[] Hash(ConsentEvent e, ReadOnlySpan<byte> salt) => MerkleTree.LeafHash(Form(e, salt));

    /// <summary>The fields in their canonical order, as text (times as UTC with seven decimals), <see langword="null"/> when absent.</summary>
    public static IEnumerable<string?> Fields(ConsentEvent e, string salt)
    {
        var evidence = e.Evidence ?? ConsentEvidence.None;
        return
        [
            Tag, salt, e.EventId, e.Account.Value, e.Number.ToString(), e.Kind == ConsentKind.OptOut ? "opt-out" : "opt-in", SourceCode(e.Source),
            e.Scope == SuppressionScope.List ? "list" : "account", e.List?.Value, e.Campaign?.Value, Time(e.OccurredAt), Time(e.RecordedAt),
            e.PausedUntil is { } until ? Time(until) : null, e.Reverts,
            evidence.MessageText, evidence.ProviderMessageId, evidence.ProviderName, evidence.ProviderErrorCode, evidence.LinkToken,
            evidence.UserAgent, evidence.IpAddress, evidence.PageUrl, evidence.DisclosureText, evidence.Note,
        ];
    }

    /// <summary>A time as the form writes it: <c>2026-12-07T09:30:00.0000000Z</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A source as the form writes it.</summary>
    public static string SourceCode(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "keyword",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider",
        _ => ((int)source).ToString(CultureInfo.InvariantCulture),
    };
}
