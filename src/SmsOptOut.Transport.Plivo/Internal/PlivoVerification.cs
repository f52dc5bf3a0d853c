namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// What checking a webhook's Plivo signatures found: the schemes whose header it carries and those that verified with
/// their own key. One verified scheme is enough, whichever others are present.
/// </summary>
internal sealed class PlivoVerification(IReadOnlyList<PlivoSignatureScheme> presented, IReadOnlyList<PlivoSignatureScheme> verified, Func<string, string?> header)
{
    /// <summary>The schemes whose signature header the request carries.</summary>
    public IReadOnlyList<PlivoSignatureScheme> Presented => presented;

    /// <summary>The schemes whose signature matched, with their nonce and key.</summary>
    public IReadOnlyList<PlivoSignatureScheme> Verified => verified;

    public bool IsValid => verified.Count > 0;

    /// <summary>
    /// The nonce the replay guard remembers: a verified V2 scheme's when there is one — V2 signs no body, so the same V2
    /// headers must not pass twice, whatever body comes with them — else the V3 one's.
    /// </summary>
    public string? OneTimeValue => (verified.FirstOrDefault(s => !s.SignsBody) ?? (verified.Count > 0 ? verified[0] : null)) is { } scheme ? header(scheme.NonceHeader) : null;

    /// <summary>Why the request is refused, naming the headers and never a secret.</summary>
    public string Refusal
    {
        get
        {
            if (presented.Count == 0)
            {
                return $"No Plivo signature: the request carries none of {string.Join(", ", PlivoSignatureScheme.All.Select(s => s.SignatureHeader))}.";
            }

            var reasons = presented.Select(s => header(s.NonceHeader) is { Length: > 0 }
                ? $"{s.SignatureHeader} does not match" + (s.MainAccount
                    ? " (it is keyed with the main account's Auth Token: PlivoOptions.MainAccountAuthToken for a subaccount, else AuthToken)"
                    : " (it is keyed with PlivoOptions.AuthToken)")
                : $"{s.SignatureHeader} comes without {s.NonceHeader}");
            return $"Invalid Plivo signature: {string.Join("; ", reasons)}.";
        }
    }
}
