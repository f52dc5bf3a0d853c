using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// The JWT Vonage's Messages API puts in every webhook's <c>Authorization: Bearer</c> header
/// (https://developer.vonage.com/en/messages/concepts/signed-webhooks): HS256 with the account's signature secret — "SHA-256
/// is always used", whatever the dashboard's signature method says — and the claims <c>iat</c>, <c>jti</c>, <c>iss</c>,
/// <c>api_key</c>, <c>application_id</c> and <c>payload_hash</c>, the SHA-256 of the body. The official verifier
/// (@vonage/jwt <c>verifySignature</c>) checks only the signature; here the body must also hash to <c>payload_hash</c>
/// (else a captured token would carry any body), and <c>iat</c> must lie inside the tolerance.
/// </summary>
internal static class VonageMessagesJwt
{
    public const string Scheme = "Bearer ";

    private const int MinimumKeyBytes = 32;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>The token of a <c>Bearer</c> header, or <see langword="null"/> when there is none.</summary>
    public static string? BearerToken(string? authorization) =>
        authorization is { Length: > 7 } && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } token
            ? token
            : null;

    /// <summary>Checks <paramref name="token"/> against <paramref name="secret"/> and <paramref name="body"/>, and its <c>iat</c> against the window.</summary>
    public static async ValueTask<VonageJwtCheck> VerifyAsync(string token, ReadOnlyMemory<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(HmacKey(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            // Vonage's tokens have no exp, aud or fixed issuer to check; iat is checked below against the retry window.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateIssuerSigningKey = false,
        };
        var result = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return VonageJwtCheck.Fail("The Authorization JWT is not signed with VonageOptions.SignatureSecret (HS256).");
        }

        if (!jwt.TryGetPayloadValue<string>("payload_hash", out var claimed) || !HashMatches(claimed, body.Span))
        {
            return VonageJwtCheck.Fail("The body does not match the JWT's payload_hash: it was changed after Vonage signed it.");
        }

        if (!jwt.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return VonageJwtCheck.Fail("The Authorization JWT has no iat.");
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(issuedAt, -62135596800L, 253402300799L));
        return VonageWebhookWindow.Contains(signedAt, now, tolerance) is { } refusal
            ? VonageJwtCheck.Fail("The JWT's iat " + refusal)
            : new VonageJwtCheck(null, string.IsNullOrEmpty(jwt.Id) ? jwt.EncodedSignature : jwt.Id, signedAt);
    }

    /// <summary>
    /// The secret's bytes as an HMAC-SHA256 key IdentityModel takes. It refuses HS256 keys shorter than 256 bits
    /// (IDX10720, RFC 7518 §3.2), but the secret is the one Vonage's dashboard holds, of any length, and Vonage's
    /// verifier (jsonwebtoken) takes it as it is. HMAC pads a key shorter than its 64-byte block with zeros (RFC 2104 §2),
    /// so the key zero-padded to 32 bytes is the same key: the same MAC, no weaker and no stronger than Vonage's.
    /// </summary>
    private static byte[] HmacKey(string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinimumKeyBytes)
        {
            Array.Resize(ref key, MinimumKeyBytes);
        }

        return key;
    }

    /// <summary>Whether <paramref name="claimed"/> is the hex SHA-256 of <paramref name="body"/> (either case), compared in constant time.</summary>
    private static bool HashMatches(string? claimed, ReadOnlySpan<byte> body)
    {
        if (claimed is not { Length: SHA256.HashSizeInBytes * 2 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(claimed, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != presented.Length)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, presented);
    }
}

/// <summary>A Messages API JWT checked: the refusal, or its one-time value (<c>jti</c>, else its signature) and when it was signed.</summary>
internal sealed record VonageJwtCheck(string? Refusal, string? OneTimeValue, DateTimeOffset SignedAt)
{
    public static VonageJwtCheck Fail(string reason) => new(reason, null, default);
}
