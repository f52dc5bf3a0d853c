using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// Vonage's signed webhooks (https://developer.vonage.com/en/getting-started/concepts/signing-messages, and the official
/// libraries: vonage-python-sdk <c>vonage_http_client/auth.py</c> <c>sign_params</c>, vonage-dotnet-sdk
/// <c>SmsSignatureGenerator</c>): every parameter but <c>sig</c>, sorted by name, written <c>&amp;name=value</c> with
/// <c>&amp;</c> and <c>=</c> in names and values replaced by <c>_</c>; then the hex HMAC of that text keyed with the
/// signature secret — or, for the legacy method, the MD5 of the text followed by the secret. Hex compares in any case.
/// </summary>
internal static class VonageSignature
{
    public const string SignatureField = "sig";

    /// <summary>The lower-case hex signature of <paramref name="fields"/> (a <c>sig</c> among them is left out).</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> fields, string secret, VonageSignatureMethod method)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields.Where(f => f.Key != SignatureField).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('&').Append(Escape(name)).Append('=').Append(Escape(value));
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(text.ToString());
        // The account's choice in Vonage's dashboard, not ours: the MD5 and SHA-1 methods are offered for accounts already set to them.
#pragma warning disable CA5350, CA5351
        var hash = method switch
        {
            VonageSignatureMethod.Md5Hash => MD5.HashData(Encoding.UTF8.GetBytes(text.Append(secret).ToString())),
            VonageSignatureMethod.Md5 => HMACMD5.HashData(key, data),
            VonageSignatureMethod.Sha1 => HMACSHA1.HashData(key, data),
            VonageSignatureMethod.Sha512 => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
#pragma warning restore CA5350, CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether <paramref name="fields"/> carry a <c>sig</c> that is theirs.</summary>
    public static bool IsValid(IReadOnlyDictionary<string, string> fields, string secret, VonageSignatureMethod method) =>
        fields.TryGetValue(SignatureField, out var presented)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(fields, secret, method)),
            Encoding.ASCII.GetBytes(presented.ToLower(CultureInfo.InvariantCulture)));

    private static string Escape(string text) => text.Replace('&', '_').Replace('=', '_');
}
