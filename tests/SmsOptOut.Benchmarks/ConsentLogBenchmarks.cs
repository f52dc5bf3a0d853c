using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Verifying a consent log on one core, per event: rebuilding each event's canonical form and leaf hash and growing the
/// tree — against the floor of hashing the same forms already built (SHA-256 alone, as the log hashes), in the same
/// run, and the platform's SHA-256 the log used before (<c>Sha256</c>'s remarks). The goal of issue 36: at least
/// 1,000,000 events a second on one core.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ConsentLogBenchmarks
{
    private const int Events = 100_000;

    private ConsentEvent[] _events = [];
    private byte[][] _salts = [];
    private byte[][] _forms = [];
    private byte[][] _leaves = [];
    private ConsentLogEntry[] _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        var at = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
        _events = [.. Enumerable.Range(0, Events).Select(i => new ConsentEvent
        {
            EventId = "evt_" + Guid.CreateVersion7(at.AddSeconds(i)).ToString("N"),
            Account = new AccountId("acme"),
            Number = PhoneNumber.FromValue(14_155_550_000UL + (ulong)i),
            Kind = ConsentKind.OptOut,
            Source = i % 2 == 0 ? OptOutSource.Keyword : OptOutSource.OptOutLink,
            OccurredAt = at.AddSeconds(i),
            RecordedAt = at.AddSeconds(i).AddMilliseconds(40),
            Evidence = i % 2 == 0
                ? new ConsentEvidence { MessageText = "STOP", ProviderName = "twilio", ProviderMessageId = "SM" + i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) }
                : new ConsentEvidence { LinkToken = "Zq8xL2mN0b", IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15" },
        })];
        _salts = [.. Enumerable.Range(0, Events).Select(_ => RandomNumberGenerator.GetBytes(ConsentLeaf.SaltSize))];
        _forms = [.. _events.Select((e, i) => ConsentLeaf.Form(e, _salts[i]))];
        _leaves = [.. _forms.Select(f => MerkleTree.LeafHash(f))];
        _entries = [.. _events.Select((e, i) => new ConsentLogEntry(i, _leaves[i], e.EventId, e, _salts[i]))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "SHA-256 of forms already built (floor)")]
    public int HashOnly()
    {
        Span<byte> hash = stackalloc byte[32];
        var x = 0;
        foreach (var form in _forms)
        {
            Sha256.Hash(form, hash);
            x ^= hash[0];
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "the forms built, not hashed")]
    public int FormOnly()
    {
        var buffer = new byte[4096];
        var x = 0;
        foreach (var e in _events.AsSpan())
        {
            x ^= ConsentLeaf.Write(e, _salts[0], buffer);
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SHA-256 of forms already built, the platform's one-shot")]
    public int HashPlatformOneShot()
    {
        Span<byte> hash = stackalloc byte[32];
        var x = 0;
        foreach (var form in _forms)
        {
            SHA256.HashData(form, hash);
            x ^= hash[0];
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SHA-256 of forms already built, the platform's reused hasher")]
    public int HashPlatformReused()
    {
        Span<byte> hash = stackalloc byte[32];
        var x = 0;
        foreach (var form in _forms)
        {
            Sha256.Platform(form, hash);
            x ^= hash[0];
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "verify: form, leaf, compare, tree")]
    public byte[] Verify()
    {
        var range = new CompactRange();
        for (var i = 0; i < _events.Length; i++)
        {
            if (!ConsentLeaf.Matches(_events[i], _salts[i], _leaves[i]))
            {
                throw new InvalidOperationException("A leaf differs.");
            }

            range.Append(_leaves[i]);
        }

        return range.Root();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "verify, leaves on every core (pages of 10,000)")]
    public byte[] VerifyParallel()
    {
        var range = new CompactRange();
        foreach (var page in _entries.Chunk(10_000))
        {
            var matches = LeafCheck.Matches(page);
            for (var i = 0; i < page.Length; i++)
            {
                if (!matches[i])
                {
                    throw new InvalidOperationException("A leaf differs.");
                }

                range.Append(page[i].LeafHash);
            }
        }

        return range.Root();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "tree head from stored leaves")]
    public byte[] TreeOnly()
    {
        var range = new CompactRange();
        foreach (var leaf in _leaves)
        {
            range.Append(leaf);
        }

        return range.Root();
    }
}
