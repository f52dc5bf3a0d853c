using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage.ConformanceTests.Evidence;

/// <summary>
/// What the one-time backfill of the consent log must leave (docs/evidence.md), for the adapters' upgrade tests: every
/// event recorded before the log that was not erased is in its account's log once, in the events' order, with a leaf
/// of the event as stored under its new salt and a field check, marked as backfilled; the log verifies and says how many; a certificate
/// of such an event is issued and verifies with the public key.
/// </summary>
public static class BackfilledLog
{
    /// <summary>Asserts the log of <paramref name="account"/> is exactly <paramref name="eventIds"/>, all backfilled, and verifies.</summary>
    /// <param name="services">The upgraded store's services (with a signing key).</param>
    /// <param name="account">The account.</param>
    /// <param name="eventIds">The account's events not erased, in the order the store recorded them.</param>
    /// <returns>A task.</returns>
    public static async Task ShouldHoldAsync(IServiceProvider services, AccountId account, params string[] eventIds)
    {
        ArgumentNullException.ThrowIfNull(services);
        var log = services.GetRequiredService<IConsentLogStore>();
        var evidence = services.GetRequiredService<IConsentEvidence>();
        var entries = await log.ReadLogAsync(account, 0, 10_000);

        entries.Select(e => e.EventId).Should().Equal(eventIds, "each event not erased is in the log once, in the order it was recorded");
        entries.Select(e => e.Index).Should().Equal(Enumerable.Range(0, eventIds.Length).Select(i => (long)i), "no gap");
        entries.Should().AllSatisfy(e =>
        {
            e.Salt.Should().HaveCount(ConsentLogLeaf.SaltSize);
            e.LeafHash.Should().Equal(ConsentLogLeaf.Hash(e.Event!, e.Salt!), "the leaf is the event as stored, under its new salt");
            e.BackfilledAt.Should().NotBeNull("the leaf was computed after the fact, and says so");
            e.FieldCheck.Should().Be(ConsentLogLeaf.FieldCheck(e.Event!, e.Salt!), "the backfill keeps a field check with the new salt");
        });
        entries.Select(e => Convert.ToHexString(e.Salt!)).Should().OnlyHaveUniqueItems("each event gets a fresh salt");

        var verification = await evidence.VerifyAsync(account);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.LogSize, verification.Checked, verification.Backfilled).Should().Be((eventIds.Length, eventIds.Length, eventIds.Length));
        verification.BackfilledAt.Should().Be(entries.Max(e => e.BackfilledAt));

        var certificate = await evidence.CreateCertificateAsync(account, eventIds[^1]);
        var check = ConsentCertificateVerifier.Verify(certificate, evidence.PublicKeys);
        check.IsValid.Should().BeTrue(check.Failure);
        check.LeafIndex.Should().Be(eventIds.Length - 1);
        (await evidence.VerifyAsync(account)).Should().Match<ConsentLogVerification>(v => v.IsIntact && v.Checkpoints == 1, "the certificate's checkpoint covers the backfilled leaves");
    }
}
