using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>
/// Signs webhooks as Vonage does, written here from Vonage's documentation and checked against the official SDKs'
/// vectors (<see cref="VonageVectorTests"/>), so the kit's requests do not come from the code under test.
/// </summary>
public static class VonageTestSigner
{
    /// <summary>The SMS API's <c>sig</c>: "&amp;k=v" of the sorted parameters (values' <c>&amp;</c> and <c>=</c> → <c>_</c>), then MD5(text ‖ secret) or HMAC(secret, text), lower-case hex.</summary>
    public static string SmsSignature(IReadOnlyDictionary<string, string> parameters, string secret, VonageSignatureMethod method, bool sanitiseNames = false)
    {
        var text = string.Concat(parameters.Where(p => p.Key != "sig").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => "&" + (sanitiseNames ? Sanitise(p.Key) : p.Key) + "=" + Sanitise(p.Value)));
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5350, CA5351 // Vonage's dashboard offers these
        var hash = method switch
        {
            VonageSignatureMethod.Md5Hash => MD5.HashData(Encoding.UTF8.GetBytes(text + secret)),
            VonageSignatureMethod.Md5 => HMACMD5.HashData(key, data),
            VonageSignatureMethod.Sha1 => HMACSHA1.HashData(key, data),
            VonageSignatureMethod.Sha256 => HMACSHA256.HashData(key, data),
            _ => HMACSHA512.HashData(key, data),
        };
#pragma warning restore CA5350, CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A Messages API JWT as Vonage's documentation shows it: HS256, <c>iat</c>, <c>jti</c>, <c>iss</c>, <c>payload_hash</c> (hex SHA-256 of <paramref name="body"/>), <c>api_key</c>.</summary>
    public static string MessagesJwt(string body, string secret, DateTimeOffset issuedAt, string jti, string? payloadHash = null, string algorithm = "HS256")
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT" }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(), ["jti"] = jti, ["iss"] = "Vonage",
            ["payload_hash"] = payloadHash ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
            ["api_key"] = VonageFixtureBase.ApiKey, ["application_id"] = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
        }));
        var signed = Encoding.ASCII.GetBytes(header + "." + claims);
        var signature = algorithm == "HS512" ? HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), signed) : HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return header + "." + claims + "." + Base64Url(signature);
    }

    /// <summary>An inbound SMS of the Messages API, v1 shape.</summary>
    public static string MessagesInbound(string from, string to, string text, string uuid, DateTimeOffset now) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["channel"] = "sms", ["message_uuid"] = uuid, ["to"] = to, ["from"] = from,
        ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["text"] = text,
        ["sms"] = new Dictionary<string, string> { ["num_messages"] = "1", ["keyword"] = text.Split(' ')[0].ToUpperInvariant() },
        ["usage"] = new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "0.0333" }, ["message_type"] = "text",
    });

    private static string Sanitise(string text) => text.Replace('&', '_').Replace('=', '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
