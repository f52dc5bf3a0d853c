using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// The SMS API's signed webhooks (https://developer.vonage.com/en/getting-started/concepts/signing-messages): every
/// parameter but <c>sig</c>, sorted by name (ordinal, as @vonage/sms's <c>Object.keys().sort()</c>), written
/// <c>&amp;name=value</c> with every <c>&amp;</c> and <c>=</c> in a value replaced by <c>_</c>; then, per the account's
/// signature method, the hex MD5 of that text followed by the secret ("MD5 hash", the dashboard's default) or the hex
/// HMAC-MD5, -SHA1, -SHA256 or -SHA512 of it keyed with the secret.
/// </summary>
/// <remarks>
/// Where the official libraries disagree, both readings are accepted. Hex case: @vonage/sms 1.24.1 compares upper-cased
/// (so either case), vonage-dotnet-sdk writes upper-case HMACs and lower-case MD5 hashes — the hex is decoded, so any case
/// matches. Names: the docs and @vonage/sms sanitise values only, vonage-dotnet-sdk <c>SmsSignatureGenerator</c> names
/// too; a signature over either text is accepted (they differ only for a name containing <c>&amp;</c> or <c>=</c>).
/// Every comparison is of the raw hash bytes, in constant time.
/// </remarks>
internal static class VonageSignature
{
    public const string SignatureField = "sig";

    /// <summary>The lower-case hex signature of <paramref name="fields"/> (a <c>sig</c> among them is left out), names written as they are.</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> fields, string secret, VonageSignatureMethod method) =>
        Convert.ToHexStringLower(Hash(Text(fields, sanitiseNames: false), secret, method));

    /// <summary>Whether <paramref name="fields"/> carry a <c>sig</c> that <paramref name="secret"/> made with <paramref name="method"/>.</summary>
    public static bool IsValid(IReadOnlyDictionary<string, string> fields, string secret, VonageSignatureMethod method)
    {
        if (!fields.TryGetValue(SignatureField, out var presented) || Decode(presented) is not { } signature)
        {
            return false;
        }

        var valid = CryptographicOperations.FixedTimeEquals(Hash(Text(fields, sanitiseNames: false), secret, method), signature);
        if (fields.Keys.Any(k => k.AsSpan().ContainsAny('&', '=')))
        {
            // vonage-dotnet-sdk's reading; both are computed and compared, whichever matched.
            valid |= CryptographicOperations.FixedTimeEquals(Hash(Text(fields, sanitiseNames: true), secret, method), signature);
        }

        return valid;
    }

    private static string Text(IEnumerable<KeyValuePair<string, string>> fields, bool sanitiseNames)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields.Where(f => f.Key != SignatureField).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('&').Append(sanitiseNames ? Sanitise(name) : name).Append('=').Append(Sanitise(value));
        }

        return text.ToString();
    }

    private static byte[] Hash(string text, string secret, VonageSignatureMethod method)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(text);
        // The account's choice in Vonage's dashboard, not ours: MD5 hash is its default, and MD5 and SHA-1 HMACs are offered.
#pragma warning disable CA5350, CA5351
        return method switch
        {
            VonageSignatureMethod.Md5Hash => MD5.HashData(Encoding.UTF8.GetBytes(text + secret)),
            VonageSignatureMethod.Md5 => HMACMD5.HashData(key, data),
            VonageSignatureMethod.Sha1 => HMACSHA1.HashData(key, data),
            VonageSignatureMethod.Sha256 => HMACSHA256.HashData(key, data),
            VonageSignatureMethod.Sha512 => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "VonageOptions.SignatureMethod is not a method Vonage offers."),
        };
#pragma warning restore CA5350, CA5351
    }

    /// <summary>The bytes of a hex signature in either case, or <see langword="null"/> when it is not hex.</summary>
    private static byte[]? Decode(string hex)
    {
        if (hex.Length is 0 or > 256 || hex.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == OperationStatus.Done && written == bytes.Length ? bytes : null;
    }

    private static string Sanitise(string text) => text.Replace('&', '_').Replace('=', '_');
}
