using System.Security.Cryptography;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// The consent log's SHA-256 (OpenSSL's own functions where the process can load them, the platform's hash elsewhere)
/// gives the platform's bytes on every input length, on every thread, and refuses a destination too short for a hash.
/// </summary>
public sealed class Sha256Tests
{
    [Fact]
    public void Every_length_up_to_five_blocks_and_a_large_input_hash_as_the_platform_does()
    {
        var data = RandomNumberGenerator.GetBytes(1_000_000);
        foreach (var length in Enumerable.Range(0, 330).Append(4_096).Append(data.Length))
        {
            var input = data.AsSpan(0, length);
            var platform = new byte[32];
            Sha256.Platform(input, platform);

            Sha256.Hash(input).Should().Equal(SHA256.HashData(input), $"{length} bytes through {Sha256.Implementation}");
            platform.Should().Equal(SHA256.HashData(input), $"{length} bytes through the fallback");
        }
    }

    [Fact]
    public void The_known_answers_of_FIPS_180_hold()
    {
        Convert.ToHexStringLower(Sha256.Hash(""u8)).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Convert.ToHexStringLower(Sha256.Hash("abc"u8)).Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Convert.ToHexStringLower(Sha256.Hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8))
            .Should().Be("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    [Fact]
    public void Threads_hashing_at_once_each_get_their_own_input_s_hash()
    {
        var inputs = Enumerable.Range(0, 2_000).Select(i => RandomNumberGenerator.GetBytes(1 + (i % 300))).ToArray();
        var hashes = new byte[inputs.Length][];

        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => hashes[i] = Sha256.Hash(inputs[i]));

        hashes.Select((h, i) => Convert.ToHexString(h) == Convert.ToHexString(SHA256.HashData(inputs[i]))).Should().AllBeEquivalentTo(true);
    }

    [SkippableFact]
    public void On_linux_with_libcrypto_the_log_hashes_through_OpenSSL_s_own_functions()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "OpenSSL's functions are used on Linux only");
        Skip.If(string.Equals(Environment.GetEnvironmentVariable("SMSOPTOUT_SHA256"), "platform", StringComparison.OrdinalIgnoreCase), "SMSOPTOUT_SHA256=platform asks for the platform's hash");
        Skip.IfNot(System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out _) || System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.1.1", out _),
            "this Linux has no libcrypto .NET could load either");

        Sha256.IsOpenSsl.Should().BeTrue(Sha256.Implementation);
        Sha256.Implementation.Should().StartWith("OpenSSL's SHA256_Init/Update/Final (libcrypto.so.");
    }

    [Fact]
    public void A_destination_shorter_than_a_hash_is_refused_by_name()
    {
        var act = () => Sha256.Hash("abc"u8, new byte[31]);

        act.Should().Throw<ArgumentException>().WithParameterName("destination").WithMessage("*32 bytes; the destination has 31*");
    }
}
