using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy;

/// <summary>
/// Makes the keyed pseudonyms erased numbers stay suppressed under, for storage adapter authors: AES-256 (a keyed
/// pseudorandom permutation, in hardware on current CPUs) of the number's 64-bit value, under a key derived with HKDF
/// from a <see cref="PseudonymKey"/>, truncated to 64 bits with the top bit set. Deterministic, so a later probe of the
/// same number finds it; not invertible without the key, which is never stored with the data. A batch costs one AES
/// call, a few nanoseconds per number — and nothing at all for accounts without erasures, which stores check first.
/// </summary>
public sealed class NumberPseudonyms
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("SmsOptOut number pseudonym v1");
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("SmsOptPn");
    private static readonly byte[] FingerprintBlock = Encoding.ASCII.GetBytes("SmsOptOut key fp");
    [ThreadStatic]
    private static byte[]? s_scratch;

    private readonly Dictionary<int, ThreadLocal<Aes>> _keys = [];

    /// <summary>Reads the keys of <see cref="DataProtectionOptions.PseudonymKeys"/>.</summary>
    /// <param name="options">The core options.</param>
    public NumberPseudonyms(IOptions<SmsOptOutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var protection = options.Value.DataProtection;
        foreach (var key in protection.PseudonymKeys)
        {
            var material = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(key.Secret), 32, info: Info);
            _keys[key.Id] = new ThreadLocal<Aes>(() =>
            {
                var aes = Aes.Create();
                aes.Key = material;
                return aes;
            });
        }

        ActiveKeyId = protection.ActivePseudonymKeyId ?? (protection.PseudonymKeys.Count == 0 ? null : protection.PseudonymKeys.Max(k => k.Id));
    }

    /// <summary>The key new erasures use, or <see langword="null"/> when no key is configured (erasure is then refused).</summary>
    public int? ActiveKeyId { get; }

    /// <summary>Whether a key id is configured.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool HasKey(int keyId) => _keys.ContainsKey(keyId);

    /// <summary>
    /// A short public fingerprint of a key (AES of a fixed block under it, in hex): stores keep it beside the key id of
    /// their erasures, so a key configured with the same id but another secret is caught instead of silently matching nothing.
    /// </summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>16 hex digits.</returns>
    /// <exception cref="InvalidOperationException">The key is not configured.</exception>
    public string Fingerprint(int keyId)
    {
        var aes = Key(keyId);
        Span<byte> block = stackalloc byte[16];
        aes.EncryptEcb(FingerprintBlock, block, PaddingMode.None);
        return Convert.ToHexStringLower(block[..8]);
    }

    /// <summary>Checks that a key a store's erasures were made with is configured, with the same secret.</summary>
    /// <param name="keyId">The key id the store recorded.</param>
    /// <param name="fingerprint">The <see cref="Fingerprint"/> the store recorded with it.</param>
    /// <exception cref="InvalidOperationException">The key is missing or has another secret: the message says which and why it matters.</exception>
    public void Verify(int keyId, string fingerprint)
    {
        if (!string.Equals(Fingerprint(keyId), fingerprint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Pseudonym key {keyId} in SmsOptOutOptions.DataProtection.PseudonymKeys has a different secret from the one the stored erasures were made with. "
                + "Without the original secret those erased numbers cannot be recognised and would be messaged again: configure the original secret under that id, "
                + "and give a new secret a new id.");
        }
    }

    /// <summary>The pseudonym of <paramref name="number"/> under the active key.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The pseudonym.</returns>
    /// <exception cref="InvalidOperationException">No pseudonym key is configured.</exception>
    public NumberPseudonym Create(PhoneNumber number)
    {
        var keyId = ActiveKeyId ?? throw new InvalidOperationException(
            "Erasure needs a pseudonym key: add one to SmsOptOutOptions.DataProtection.PseudonymKeys (base64, at least 32 bytes), kept out of the database.");
        return new NumberPseudonym(keyId, Compute(keyId, number));
    }

    /// <summary>The pseudonym of one number under a key.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="number">The number.</param>
    /// <returns>The pseudonym's value.</returns>
    public ulong Compute(int keyId, PhoneNumber number)
    {
        Span<ulong> one = stackalloc ulong[1];
        Compute(keyId, [number], one);
        return one[0];
    }

    /// <summary>The pseudonyms of a batch under a key, in one AES call.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="numbers">The numbers.</param>
    /// <param name="pseudonyms">Receives one pseudonym per number.</param>
    /// <exception cref="InvalidOperationException">The key is not configured: the message names it, because suppressions made with it would go unchecked.</exception>
    public void Compute(int keyId, ReadOnlySpan<PhoneNumber> numbers, Span<ulong> pseudonyms)
    {
        var aes = Key(keyId);
        if (pseudonyms.Length < numbers.Length)
        {
            throw new ArgumentException($"The destination holds {pseudonyms.Length} values; {numbers.Length} are needed.", nameof(pseudonyms));
        }

        // One scratch buffer per thread: a filter batch of 4,096 numbers is 128 KiB of plain and cipher text.
        var length = numbers.Length * 16;
        var buffer = s_scratch is { } scratch && scratch.Length >= length * 2 ? scratch : s_scratch = new byte[Math.Max(length * 2, 1024)];
        var plain = buffer.AsSpan(0, length);
        var cipher = buffer.AsSpan(length, length);
        var domain = BinaryPrimitives.ReadUInt64LittleEndian(Domain);
        var words = MemoryMarshal.Cast<byte, ulong>(plain);
        for (var i = 0; i < numbers.Length; i++)
        {
            words[2 * i] = BitConverter.IsLittleEndian ? numbers[i].Value : BinaryPrimitives.ReverseEndianness(numbers[i].Value);
            words[(2 * i) + 1] = domain;
        }

        aes.EncryptEcb(plain, cipher, PaddingMode.None);
        var output = MemoryMarshal.Cast<byte, ulong>(cipher);
        for (var i = 0; i < numbers.Length; i++)
        {
            pseudonyms[i] = (BitConverter.IsLittleEndian ? output[2 * i] : BinaryPrimitives.ReverseEndianness(output[2 * i])) | (1UL << 63);
        }
    }

    private Aes Key(int keyId) => _keys.TryGetValue(keyId, out var aes) ? aes.Value!
        : throw new InvalidOperationException(
            $"Pseudonymous suppressions were made with pseudonym key {keyId}, which is not configured in SmsOptOutOptions.DataProtection.PseudonymKeys. "
            + "Without it those erased numbers cannot be recognised and would be messaged again: configure the key.");
}
