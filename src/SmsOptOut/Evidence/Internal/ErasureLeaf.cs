using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Privacy;
using SmsOptOut.Storage;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// An erasure record as a leaf of its account's consent log (docs/evidence.md, "Erasure records in the log"): its form is
/// the netstrings of the tag <c>smsoptout-erasure-v1</c>, the account, the request id, the reason, the time (UTC, cut to
/// whole milliseconds, written as an event's times are) and the erased leaves (<see cref="ErasedLeavesText"/>); its hash is
/// <c>SHA-256(0x00 ‖ form)</c>, as an event's leaf. No salt: the record holds no personal data, and stays.
/// </summary>
internal static class ErasureLeaf
{
    /// <summary>The form's first field; it differs from an event's tag, so no event's form is an erasure's.</summary>
    public const string Tag = "smsoptout-erasure-v1";

    /// <summary>The form's fields, in order.</summary>
    public static IReadOnlyList<string> Fields(ErasureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [Tag, record.Account.Value, record.RequestId, record.Reason, ConsentLeaf.Time(WholeMilliseconds.Of(record.ErasedAt)), ErasedLeavesText.Format(record.ErasedLeaves)];
    }

    /// <summary>The record's form: each field as a netstring, <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>.</summary>
    public static byte[] Form(ErasureRecord record)
    {
        var form = new StringBuilder();
        foreach (var field in Fields(record))
        {
            form.Append(Encoding.UTF8.GetByteCount(field)).Append(':').Append(field).Append(',');
        }

        return Encoding.UTF8.GetBytes(form.ToString());
    }

    /// <summary>The record's leaf hash.</summary>
    public static byte[] Hash(ErasureRecord record)
    {
        var form = Form(record);
        var prefixed = new byte[form.Length + 1];
        form.CopyTo(prefixed, 1);
        var hash = new byte[Sha256.Size];
        Sha256.Hash(prefixed, hash);
        return hash;
    }

    /// <summary>Whether the record still gives <paramref name="leafHash"/>.</summary>
    public static bool Matches(ErasureRecord record, byte[] leafHash) => CryptographicOperations.FixedTimeEquals(Hash(record), leafHash);
}
