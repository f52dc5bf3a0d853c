using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// Public keys that verify without signing: after a rotation the retired key's public half still checks the checkpoints
/// it signed (its private half can go); an auditor with public keys only verifies the whole log and gets certificates the
/// kept checkpoints cover, and is told plainly that nothing can sign a new one; malformed keys are refused by name.
/// </summary>
public sealed class EvidenceVerificationKeyTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly byte[] OldKey = SHA256.HashData("retired-evidence-key"u8);
    private static readonly byte[] NewKey = SHA256.HashData("active-evidence-key"u8);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public EvidenceVerificationKeyTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSmsOptOut(o => o.Evidence.SigningKeys.Add(Signing("2026-06", OldKey))).UseInMemory();
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task After_a_rotation_the_retired_keys_public_half_verifies_its_checkpoints()
    {
        var events = await OptOutAsync(3);
        await Evidence(_services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Evidence).CheckpointAsync(Acme);

        var rotated = Evidence(new EvidenceOptions { ActiveKeyId = "2026-12", SigningKeys = { Signing("2026-12", NewKey) }, VerificationKeys = { Verifying("2026-06", OldKey) } });
        await OptOutAsync(2);
        var latest = await rotated.CheckpointAsync(Acme);
        var verification = await rotated.VerifyAsync(Acme);

        latest.KeyId.Should().Be("2026-12");
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.Checkpoints, verification.UncheckedSignatures).Should().Be((2, 0), "both checkpoints' signatures were checked, the old one with the public key alone");
        var certificate = await rotated.CreateCertificateAsync(Acme, events[0].EventId);
        ConsentCertificateVerifier.Verify(certificate, rotated.PublicKeys).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task An_auditor_with_public_keys_only_verifies_the_log_and_gets_certificates_but_cannot_sign()
    {
        var events = await OptOutAsync(3);
        await Evidence(_services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Evidence).CheckpointAsync(Acme);
        var auditor = Evidence(new EvidenceOptions { VerificationKeys = { Verifying("2026-06", OldKey) } });

        var verification = await auditor.VerifyAsync(Acme);
        var certificate = await auditor.CreateCertificateAsync(Acme, events[2].EventId);
        await OptOutAsync(1);
        var sign = () => auditor.CheckpointAsync(Acme);

        (verification.IsIntact, verification.UncheckedSignatures).Should().Be((true, 0));
        ConsentCertificateVerifier.Verify(certificate, auditor.PublicKeys).IsValid.Should().BeTrue("the kept checkpoint covers the event: nothing had to be signed");
        (await sign.Should().ThrowAsync<InvalidOperationException>()).WithMessage("No evidence signing key is configured*");
    }

    [Theory]
    [InlineData("2026-06", "not base64!", "VerificationKeys[0].PublicKey must be base64 of a 32-byte Ed25519 public key")]
    [InlineData("2026-06", "AAAA", "VerificationKeys[0].PublicKey must be base64 of a 32-byte Ed25519 public key")]
    [InlineData("2026-12", null, "VerificationKeys[0].Id '2026-12' must be 1 to 64 letters, digits, '-' or '_', unique across SigningKeys and VerificationKeys")]
    [InlineData("bad id", null, "VerificationKeys[0].Id 'bad id' must be")]
    public void A_malformed_or_repeated_verification_key_is_refused_by_name(string id, string? publicKey, string failure)
    {
        var options = new EvidenceOptions { SigningKeys = { Signing("2026-12", NewKey) }, VerificationKeys = { new EvidenceVerificationKey { Id = id, PublicKey = publicKey ?? Public(OldKey) } } };
        var failures = new List<string>();

        EvidenceOptionsValidator.Validate(options, failures);

        failures.Should().ContainSingle().Which.Should().Contain("SmsOptOutOptions.Evidence." + failure);
    }

    [Fact]
    public void A_verification_key_cannot_be_the_active_one()
    {
        var options = new EvidenceOptions { ActiveKeyId = "2026-06", SigningKeys = { Signing("2026-12", NewKey) }, VerificationKeys = { Verifying("2026-06", OldKey) } };
        var failures = new List<string>();

        EvidenceOptionsValidator.Validate(options, failures);

        failures.Should().ContainSingle().Which.Should().Be("SmsOptOutOptions.Evidence.ActiveKeyId '2026-06' names no key of SigningKeys (a verification key cannot sign).");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>The evidence service over this test's store with other keys, as another process configured so would be.</summary>
    private ConsentEvidenceService Evidence(EvidenceOptions evidence)
    {
        var options = new SmsOptOutOptions();
        foreach (var key in evidence.SigningKeys)
        {
            options.Evidence.SigningKeys.Add(key);
        }

        foreach (var key in evidence.VerificationKeys)
        {
            options.Evidence.VerificationKeys.Add(key);
        }

        options.Evidence.ActiveKeyId = evidence.ActiveKeyId;
        return new ConsentEvidenceService(_services, Options.Create(options), _time, NullLogger<ConsentEvidenceService>.Instance);
    }

    private async Task<List<ConsentEvent>> OptOutAsync(int count)
    {
        var service = _services.GetRequiredService<IOptOutService>();
        var start = (int)await _services.GetRequiredService<IConsentLogStore>().GetLogSizeAsync(Acme);
        var events = new List<ConsentEvent>();
        for (var i = start; i < start + count; i++)
        {
            events.Add((await service.OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse($"+1415555{i:0000}"), OptOutSource.Keyword))).Event);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        return events;
    }

    private static EvidenceSigningKey Signing(string id, byte[] key) => new() { Id = id, PrivateKey = Convert.ToBase64String(key) };

    private static EvidenceVerificationKey Verifying(string id, byte[] key) => new() { Id = id, PublicKey = Public(key) };

    private static string Public(byte[] key) => Convert.ToBase64String(ConsentCheckpoint.PublicKeyOf(key));
}
