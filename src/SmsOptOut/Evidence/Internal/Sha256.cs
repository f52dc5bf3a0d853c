using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// SHA-256 of the short inputs a consent log hashes by the million (a 65-byte tree node, a few-hundred-byte leaf form).
/// </summary>
/// <remarks>
/// On Linux, .NET hashes through OpenSSL 3's EVP interface, which looks up and sets up the algorithm on every call: on
/// this project's machine 400–540 ns for a 65-byte node, against 75 ns for the same hash through OpenSSL's own
/// <c>SHA256_Init</c> / <c>SHA256_Update</c> / <c>SHA256_Final</c> on a context on the stack (the same library and the
/// same SHA-NI code; docs/benchmarks.md, "The consent log"). So where the process can load <c>libcrypto</c> (OpenSSL 3 or
/// 1.1, the library .NET itself uses there) and it exports those three functions, this class calls them; anywhere else
/// (Windows and macOS, whose platform hash has no such cost, or a Linux without them) it falls back to one reused
/// <see cref="IncrementalHash"/> per thread. Both give the same bytes (<c>Sha256Tests</c> compare them on every length
/// up to a few blocks and on a large input). OpenSSL's low-level functions are outside its FIPS provider: a host that
/// must hash only through a FIPS module sets <c>SMSOPTOUT_SHA256=platform</c> and gets the fallback.
/// </remarks>
internal static unsafe class Sha256
{
    /// <summary>The size of a hash.</summary>
    public const int Size = 32;

    /// <summary>Room for OpenSSL's <c>SHA256_CTX</c> (112 bytes in 1.1 and 3.x), with a margin.</summary>
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged<byte*, int> s_init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> s_update;
    private static readonly delegate* unmanaged<byte*, byte*, int> s_final;

    [ThreadStatic]
    private static IncrementalHash? t_hash;

#pragma warning disable CA1810 // The three pointers are found together or not at all.
    static Sha256()
#pragma warning restore CA1810
    {
        Implementation = "the platform's SHA-256 (System.Security.Cryptography.IncrementalHash)";
        if (!OperatingSystem.IsLinux() || string.Equals(Environment.GetEnvironmentVariable("SMSOPTOUT_SHA256"), "platform", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                s_init = (delegate* unmanaged<byte*, int>)init;
                s_update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
                s_final = (delegate* unmanaged<byte*, byte*, int>)final;
                Implementation = $"OpenSSL's SHA256_Init/Update/Final ({name})";
                return;
            }
        }
    }

    /// <summary>Which implementation this process hashes with, for the benchmarks and the tests to name.</summary>
    public static string Implementation { get; }

    /// <summary>Whether OpenSSL's own functions are used (not the platform's hash).</summary>
    public static bool IsOpenSsl => s_init != null;

    /// <summary>The SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Hash(data, hash);
        return hash;
    }

    /// <summary>Writes the SHA-256 of <paramref name="data"/> to the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A SHA-256 hash is {Size} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        if (s_init != null)
        {
            var context = stackalloc byte[ContextSize];
            fixed (byte* input = data)
            fixed (byte* output = destination)
            {
                if (s_init(context) == 1 && s_update(context, input, (nuint)data.Length) == 1 && s_final(output, context) == 1)
                {
                    return;
                }
            }
        }

        Platform(data, destination);
    }

    /// <summary>The platform's SHA-256 through one reused hash object per thread: the fallback, and what the tests compare with.</summary>
    internal static void Platform(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }
}
