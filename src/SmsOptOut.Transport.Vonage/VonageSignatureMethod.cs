namespace SmsOptOut.Transport.Vonage;

/// <summary>
/// How Vonage's SMS API signs its webhooks (the <c>sig</c> parameter): the "Signature method" of your account's API settings
/// in Vonage's dashboard, whose default is <see cref="Md5Hash"/>. The Messages API's JWT is always HS256, whatever this says.
/// </summary>
public enum VonageSignatureMethod
{
    /// <summary>"SHA-256 HMAC": the HMAC-SHA256 of the sorted parameters keyed with the signature secret.</summary>
    Sha256 = 0,

    /// <summary>"SHA-512 HMAC": the HMAC-SHA512 of the sorted parameters keyed with the signature secret.</summary>
    Sha512 = 1,

    /// <summary>"SHA1 HMAC": the HMAC-SHA1 of the sorted parameters keyed with the signature secret.</summary>
    Sha1 = 2,

    /// <summary>"MD5 HMAC": the HMAC-MD5 of the sorted parameters keyed with the signature secret.</summary>
    Md5 = 3,

    /// <summary>"MD5 hash", the dashboard's default: the MD5 of the sorted parameters followed by the signature secret.</summary>
    Md5Hash = 4,
}
