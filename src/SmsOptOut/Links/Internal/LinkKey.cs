using System.Security.Cryptography;

namespace SmsOptOut.Links.Internal;

/// <summary>
/// One stateless-link key: separate MAC and encryption keys derived from the configured secret with HKDF, and
/// per-thread HMAC and AES instances so the hot path does no key setup.
/// </summary>
internal sealed class LinkKey : IDisposable
{
    private readonly ThreadLocal<HMACSHA256> _mac;
    private readonly ThreadLocal<Aes> _aes;
    private readonly ThreadLocal<ICryptoTransform> _ecb;

    public LinkKey(byte id, byte[] secret)
    {
        Id = id;
        var macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "smsoptout/link/mac/v1"u8.ToArray());
        var encKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "smsoptout/link/enc/v1"u8.ToArray());
        _mac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(macKey), trackAllValues: true);
        _aes = new ThreadLocal<Aes>(() =>
        {
            var aes = Aes.Create();
            aes.Mode = CipherMode.ECB;
            aes.Padding = PaddingMode.None;
            aes.Key = encKey;
            return aes;
        }, trackAllValues: true);
        _ecb = new ThreadLocal<ICryptoTransform>(() => _aes.Value!.CreateEncryptor(encKey, null), trackAllValues: true);
    }

    public byte Id { get; }

    public HMACSHA256 Mac => _mac.Value!;

    /// <summary>A reusable AES-256-ECB encryptor of this thread (blocks only, no padding), used to make the CTR key stream.</summary>
    public ICryptoTransform BlockEncryptor => _ecb.Value!;

    public void Dispose()
    {
        foreach (var mac in _mac.Values)
        {
            mac.Dispose();
        }

        foreach (var transform in _ecb.Values)
        {
            transform.Dispose();
        }

        foreach (var aes in _aes.Values)
        {
            aes.Dispose();
        }

        _mac.Dispose();
        _ecb.Dispose();
        _aes.Dispose();
    }
}
