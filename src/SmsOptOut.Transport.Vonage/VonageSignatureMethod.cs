namespace SmsOptOut.Transport.Vonage;

/// <summary>How Vonage signs its webhooks: the "Signature method" of your account's API settings.</summary>
public enum VonageSignatureMethod
{
    /// <summary>HMAC-SHA256 (recommended).</summary>
    Sha256 = 0,

    /// <summary>HMAC-SHA512.</summary>
    Sha512 = 1,

    /// <summary>HMAC-SHA1.</summary>
    Sha1 = 2,

    /// <summary>HMAC-MD5.</summary>
    Md5 = 3,

    /// <summary>The legacy MD5 hash of the parameters followed by the secret.</summary>
    Md5Hash = 4,
}
