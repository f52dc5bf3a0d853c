using System.Diagnostics;
using System.Security.Cryptography;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// Consent certificates: an event of a signed log verifies offline, by our code and by an independent verifier written
/// in Node.js from the documented algorithm alone; a changed field, salt, proof, checkpoint or key is refused by both.
/// </summary>
public sealed class ConsentCertificateTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly byte[] PrivateKey = SHA256.HashData("consent-log-test-key-1"u8);
    private static readonly byte[] OtherKey = SHA256.HashData("consent-log-test-key-2"u8);

    [Fact]
    public void A_certificate_of_any_event_of_a_signed_log_verifies_and_survives_its_JSON()
    {
        var (events, salts, leaves) = Log(21);
        var checkpoint = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), leaves.Length, MerkleTree.Root(leaves), At(30), "k1", PrivateKey);

        for (var i = 0; i < events.Length; i++)
        {
            var certificate = new ConsentCertificate(events[i], salts[i], i, MerkleTree.InclusionProof(leaves, i, leaves.Length), checkpoint);
            certificate.Verify(Keys()).Should().Be(CertificateCheck.Valid, "event {0}", i);
            ConsentCertificate.Parse(certificate.ToJson()).Verify(Keys()).IsValid.Should().BeTrue("event {0} after a JSON round trip", i);
        }
    }

    [Theory]
    [InlineData("note", "the event does not lead")]
    [InlineData("number", "the event does not lead")]
    [InlineData("occurred", "the event does not lead")]
    [InlineData("salt", "the event does not lead")]
    [InlineData("index", "the event does not lead")]
    [InlineData("proof", "the event does not lead")]
    [InlineData("root", "the event does not lead")]
    [InlineData("size", "signature is not key 'k1''s")] // the path of leaf 5 of 12 also fits 13 leaves; the signature binds the size
    [InlineData("time", "signature is not key 'k1''s")]
    [InlineData("key", "signature is not key 'k1''s")]
    [InlineData("key id", "no public key with id 'k9'")]
    [InlineData("account", "is not the log of account 'globex'")]
    public void A_changed_certificate_is_refused_with_what_failed(string change, string failure)
    {
        var certificate = Tampered(Certificate(), change);

        var check = certificate.Verify(Keys());

        check.IsValid.Should().BeFalse();
        check.Failure.Should().Contain(failure);
    }

    [Theory]
    [InlineData("scope", "List", "field 'scope' is 'List', which the form writes as 'account'")]
    [InlineData("scope", "ACCOUNT", "field 'scope' is 'ACCOUNT'")]
    [InlineData("scope", "", "field 'scope' is ''")]
    [InlineData("number", "+1 415 555 2604", "field 'number' is '+1 415 555 2604', which the form writes as '+14155552604'")]
    [InlineData("number", "+1-415-555-2604", "field 'number'")]
    [InlineData("salt", "UPPER", "lower-case hex")]
    public void A_field_written_otherwise_than_the_form_writes_it_is_a_changed_certificate(string field, string value, string failure)
    {
        var json = Respelled(Certificate(4).ToJson(), field, value);

        var verification = ConsentCertificateVerifier.Verify(json, Keys());

        verification.IsValid.Should().BeFalse("the documented algorithm hashes the text as given, so this text gives another leaf");
        verification.Failure.Should().Contain(failure).And.Contain("it was changed");
    }

    [Fact]
    public void Checkpoints_proofs_and_certificates_write_base64_as_it_is_without_escaping_plus()
    {
        var root = Enumerable.Repeat((byte)0xFB, 32).ToArray();
        var checkpoint = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 12, root, At(30), "k1", PrivateKey);
        var certificate = new ConsentCertificate(Certificate().Event, Certificate().Salt, 5, [root], checkpoint);

        foreach (var json in new[] { checkpoint.ToJson(), certificate.ToJson(), new ConsistencyProof(checkpoint, checkpoint, [root]).ToJson() })
        {
            json.Should().Contain("\"+/v7").And.NotContain("\\u002B", "operations.md: the JSON keeps '+' as it is");
        }

        ConsentCheckpoint.FromJson(checkpoint.ToJson()).Should().BeEquivalentTo(checkpoint, "it still reads back the same");
    }

    [SkippableFact]
    public async Task An_independent_verifier_in_Node_js_written_from_the_documented_algorithm_agrees()
    {
        var node = NodeScript.Node();
        var directory = Directory.CreateTempSubdirectory("smsoptout-certificates-");
        try
        {
            var valid = Path.Combine(directory.FullName, "valid.json");
            await File.WriteAllTextAsync(valid, Certificate().ToJson());
            (await RunAsync(node, valid)).Should().Be((0, "valid"));

            var respelled = new[] { ("scope", "List"), ("number", "+1 415 555 2604"), ("salt", "UPPER") }
                .Select(r => (Name: "respelled-" + r.Item1, Json: Respelled(Certificate(4).ToJson(), r.Item1, r.Item2)));
            foreach (var (change, json) in new[] { "note", "salt", "proof", "time", "key", "account" }.Select(c => (c, Tampered(Certificate(), c).ToJson())).Concat(respelled))
            {
                var file = Path.Combine(directory.FullName, change + ".json");
                await File.WriteAllTextAsync(file, json);
                var (code, output) = await RunAsync(node, file);
                code.Should().Be(1, "the Node.js verifier refuses a certificate whose {0} changed ({1})", change, output);
                output.Should().StartWith("invalid:");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("{\"format\":\"other\"}", "format is not")]
    [InlineData("{\"format\":\"smsoptout-consent-certificate/v1\"}", "has no 'event'")]
    public void A_malformed_certificate_is_refused_naming_what_is_wrong(string json, string expected)
    {
        var act = () => ConsentCertificate.Parse(json);

        act.Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }

    private static ConsentCertificate Certificate(int index = 5)
    {
        var (events, salts, leaves) = Log(12);
        var checkpoint = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), leaves.Length, MerkleTree.Root(leaves), At(30), "k1", PrivateKey);
        return new ConsentCertificate(events[index], salts[index], index, MerkleTree.InclusionProof(leaves, index, leaves.Length), checkpoint);
    }

    private static ConsentCertificate Tampered(ConsentCertificate c, string change) => change switch
    {
        "note" => c with { Event = c.Event with { Evidence = c.Event.Evidence with { Note = "consented at the counter" } } },
        "number" => c with { Event = c.Event with { Number = PhoneNumber.Parse("+14155550000") } },
        "occurred" => c with { Event = c.Event with { OccurredAt = c.Event.OccurredAt.AddSeconds(-1) } },
        "salt" => c with { Salt = [.. c.Salt.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b)] },
        "index" => c with { LeafIndex = c.LeafIndex + 1 },
        "proof" => c with { InclusionProof = [.. c.InclusionProof.Select((p, i) => i == 0 ? [.. p.Select((b, j) => j == 0 ? (byte)(b ^ 1) : b)] : p)] },
        "root" => c with { Checkpoint = c.Checkpoint with { RootHash = SHA256.HashData("another log"u8) } },
        "size" => c with { Checkpoint = c.Checkpoint with { TreeSize = c.Checkpoint.TreeSize + 1 } },
        "time" => c with { Checkpoint = c.Checkpoint with { Time = c.Checkpoint.Time.AddDays(-30) } },
        "key" => c with { Checkpoint = ConsentCheckpoint.Sign(c.Checkpoint.Origin, c.Checkpoint.TreeSize, c.Checkpoint.RootHash, c.Checkpoint.Time, "k1", OtherKey) },
        "key id" => c with { Checkpoint = c.Checkpoint with { KeyId = "k9" } },
        "account" => c with { Event = c.Event with { Account = new AccountId("globex") } },
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private static (ConsentEvent[] Events, byte[][] Salts, byte[][] Leaves) Log(int count)
    {
        var events = Enumerable.Range(0, count).Select(i => new ConsentEvent
        {
            EventId = $"evt_{i:D4}",
            Account = Acme,
            Number = PhoneNumber.FromValue(14_155_552_600UL + (ulong)i),
            Kind = i % 3 == 2 ? ConsentKind.OptIn : ConsentKind.OptOut,
            Source = i % 2 == 0 ? OptOutSource.OptOutLink : OptOutSource.Keyword,
            Scope = i % 4 == 1 ? SuppressionScope.List : SuppressionScope.Account,
            List = i % 4 == 1 ? new ListId("news") : null,
            OccurredAt = At(i),
            RecordedAt = At(i).AddMilliseconds(123.4567),
            PausedUntil = i == 6 ? At(40) : null,
            Evidence = new ConsentEvidence { MessageText = i % 2 == 1 ? "STOP ✋ «Arrêt»" : null, IpAddress = "203.0.113.7", Note = $"note, with: commas {i}" },
        }).ToArray();
        var salts = Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i))[..ConsentLeaf.SaltSize]).ToArray();
        return (events, salts, [.. events.Select((e, i) => ConsentLeaf.Hash(e, salts[i]))]);
    }

    /// <summary>The certificate's JSON with one field spelled otherwise ("UPPER": the salt in upper case).</summary>
    private static string Respelled(string json, string field, string value)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        if (field == "salt")
        {
            root["salt"] = root["salt"]!.GetValue<string>().ToUpperInvariant();
        }
        else
        {
            root["event"]![field] = value;
        }

        return root.ToJsonString();
    }

    private static DateTimeOffset At(int day) => new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero).AddDays(day);

    private static Dictionary<string, byte[]> Keys() => new(StringComparer.Ordinal) { ["k1"] = ConsentCheckpoint.PublicKeyOf(PrivateKey) };

    private static Task<(int Code, string Output)> RunAsync(string node, string certificate) =>
        NodeScript.RunAsync(node, "verify-certificate.mjs", certificate, "k1=" + Convert.ToBase64String(ConsentCheckpoint.PublicKeyOf(PrivateKey)));
}
