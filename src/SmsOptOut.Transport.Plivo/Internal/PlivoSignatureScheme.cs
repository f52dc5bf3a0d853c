namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// One of the signatures Plivo puts on a webhook, named by its header: V2 (https://docs.plivo.com/docs/messaging/concepts/signature-validation)
/// and V3 (https://docs.plivo.com/docs/voice/xml/request/validation), each keyed either with the Auth Token of the account
/// or subaccount the webhook belongs to, or — the <c>Ma-</c> headers — always with the main account's.
/// </summary>
/// <param name="Name">The scheme's short name (<c>v2</c>, <c>ma-v2</c>, <c>v3</c>, <c>ma-v3</c>).</param>
/// <param name="SignatureHeader">The header holding the signature (or, for V3, comma-separated signatures).</param>
/// <param name="NonceHeader">The header holding the nonce the signature covers; shared by a version's two headers.</param>
/// <param name="Version">2 or 3.</param>
/// <param name="MainAccount">Whether the signature is keyed with the main account's Auth Token.</param>
internal sealed record PlivoSignatureScheme(string Name, string SignatureHeader, string NonceHeader, int Version, bool MainAccount)
{
    public static readonly PlivoSignatureScheme V3 = new("v3", "X-Plivo-Signature-V3", "X-Plivo-Signature-V3-Nonce", 3, false);
    public static readonly PlivoSignatureScheme MaV3 = new("ma-v3", "X-Plivo-Signature-Ma-V3", "X-Plivo-Signature-V3-Nonce", 3, true);
    public static readonly PlivoSignatureScheme V2 = new("v2", "X-Plivo-Signature-V2", "X-Plivo-Signature-V2-Nonce", 2, false);
    public static readonly PlivoSignatureScheme MaV2 = new("ma-v2", "X-Plivo-Signature-Ma-V2", "X-Plivo-Signature-V2-Nonce", 2, true);

    /// <summary>Every scheme, in the order they are checked.</summary>
    public static IReadOnlyList<PlivoSignatureScheme> All { get; } = [V3, MaV3, V2, MaV2];

    /// <summary>Whether the signature covers the request's fields (V3 does; V2 covers only the URL and the nonce).</summary>
    public bool SignsBody => Version == 3;

    /// <summary>The scheme called <paramref name="name"/>.</summary>
    public static PlivoSignatureScheme Named(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No Plivo signature scheme is called '{name}'; the schemes are {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>The token that verifies this scheme's signature: the main account's for the <c>Ma-</c> headers (the Auth Token itself when it is the main account's).</summary>
    public string Key(PlivoOptions options) => MainAccount ? options.MainAccountAuthToken ?? options.AuthToken : options.AuthToken;

    /// <summary>The signature of a request, as Plivo computes it over the URL as written (query and, for V3, fields included).</summary>
    public string Compute(string method, string url, IEnumerable<KeyValuePair<string, string>> form, string nonce, string authToken) =>
        Version == 3 ? PlivoSignature.ComputeV3(method, url, form, nonce, authToken) : PlivoSignature.ComputeV2(url, nonce, authToken);
}
