using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// The evidence service over a store: every kept checkpoint binds the log (a forged or forked old one is named); a
/// checkpoint a third party holds that the log no longer agrees with gets no consistency proof; witnesses get each new
/// checkpoint once, and one that failed is offered the latest again at the next round.
/// </summary>
public sealed class ConsentEvidenceServiceTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly byte[] PrivateKey = SHA256.HashData("evidence-service-test-key"u8);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingWitness _auditor = new();
    private readonly RecordingWitness _timestamps = new() { FailuresLeft = 2 };
    private readonly ServiceProvider _services;

    public ConsentEvidenceServiceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConsentCheckpointWitness>(_auditor);
        services.AddSingleton<IConsentCheckpointWitness>(_timestamps);
        services.AddSmsOptOut(o => o.Evidence.SigningKeys.Add(new EvidenceSigningKey { Id = "k1", PrivateKey = Convert.ToBase64String(PrivateKey) })).UseInMemory();
        _services = services.BuildServiceProvider();
    }

    private IConsentEvidence Evidence => _services.GetRequiredService<IConsentEvidence>();

    private IConsentLogStore Log => _services.GetRequiredService<IConsentLogStore>();

    [Fact]
    public async Task An_old_checkpoint_that_the_log_contradicts_is_named_even_when_the_latest_agrees()
    {
        await OptOutAsync(4);
        await Evidence.CheckpointAsync(Acme);
        var leaves = (await Log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        var forked = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 2, MerkleTree.Root([leaves[1], leaves[0]]), _time.GetUtcNow().AddMinutes(-30), "k1", PrivateKey);
        await Log.AddCheckpointAsync(Acme, forked);

        var verification = await Evidence.VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse();
        verification.Checkpoints.Should().Be(2);
        verification.Divergence!.Reason.Should().Contain("the first 2 leaves no longer have the root the checkpoint of 2026-12-07T08:30:04");
    }

    [Fact]
    public async Task A_checkpoint_not_signed_by_a_configured_key_is_named()
    {
        await OptOutAsync(3);
        var checkpoint = await Evidence.CheckpointAsync(Acme);
        await Log.AddCheckpointAsync(Acme, checkpoint with { TreeSize = 2, Time = checkpoint.Time.AddMinutes(-1) });

        var verification = await Evidence.VerifyAsync(Acme);

        verification.Divergence!.Reason.Should().Contain("(2 events) does not verify with key 'k1', which is configured: the checkpoint was changed",
            "the key is listed, so it is the signature that fails, not an unknown key");
    }

    [Fact]
    public async Task A_checkpoint_signed_by_a_key_id_not_listed_while_other_keys_are_is_named_as_a_divergence()
    {
        await OptOutAsync(3);
        await Evidence.CheckpointAsync(Acme);
        var leaves = (await Log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        var rotatedAway = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 2, MerkleTree.Root(leaves[..2]), _time.GetUtcNow().AddMinutes(-1), "k0",
            SHA256.HashData("a-key-no-longer-listed"u8));
        await Log.AddCheckpointAsync(Acme, rotatedAway);

        var verification = await Evidence.VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse();
        verification.Divergence!.Reason.Should().Contain("(2 events) is not signed by a configured key ('k0'): it was changed, or its key is no longer listed",
            "with keys configured, an unknown key id is a dropped old key or a forgery: reported as before");
        verification.UncheckedSignatures.Should().Be(0, "a key is configured: every signature was checked");
    }

    [Fact]
    public async Task With_no_key_configured_the_checkpoints_signatures_are_unchecked_which_is_not_a_divergence_and_not_intact()
    {
        await using var keyless = KeylessServices();
        var evidence = keyless.GetRequiredService<IConsentEvidence>();
        var log = keyless.GetRequiredService<IConsentLogStore>();
        await OptOutAsync(keyless, 3);
        var leaves = (await log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        await log.AddCheckpointAsync(Acme, ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 2, MerkleTree.Root(leaves[..2]), _time.GetUtcNow(), "k1", PrivateKey));
        await log.AddCheckpointAsync(Acme, ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 3, MerkleTree.Root(leaves), _time.GetUtcNow(), "k1", PrivateKey));

        var verification = await evidence.VerifyAsync(Acme);
        var round = await evidence.VerifyAllAsync();

        verification.Divergence.Should().BeNull("the keys were not given: nothing says the log was changed");
        verification.UncheckedSignatures.Should().Be(2);
        verification.IsIntact.Should().BeFalse("without the signatures the log was not fully checked");
        (verification.LogSize, verification.Checked, verification.Checkpoints).Should().Be((3L, 3L, 2), "the leaves and the checkpoints' roots were still checked");
        round.Divergences.Should().BeEmpty();
        round.UncheckedAccounts.Should().Equal(["acme"]);
    }

    [Fact]
    public async Task With_no_key_configured_a_checkpoint_whose_root_the_leaves_do_not_give_is_still_a_divergence()
    {
        await using var keyless = KeylessServices();
        var log = keyless.GetRequiredService<IConsentLogStore>();
        await OptOutAsync(keyless, 3);
        var leaves = (await log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        await log.AddCheckpointAsync(Acme, ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 3, MerkleTree.Root([leaves[1], leaves[0], leaves[2]]), _time.GetUtcNow(), "k1", PrivateKey));

        var verification = await keyless.GetRequiredService<IConsentEvidence>().VerifyAsync(Acme);

        verification.Divergence!.Reason.Should().Contain("the first 3 leaves no longer have the root the checkpoint of")
            .And.Contain("or the checkpoint was (its signature was not checked: no key is configured)");
    }

    [Fact]
    public async Task With_no_key_configured_a_certificate_is_refused_as_a_setup_error()
    {
        await using var keyless = KeylessServices();
        await OptOutAsync(keyless, 1);
        var eventId = (await keyless.GetRequiredService<IConsentLogStore>().ReadLogAsync(Acme, 0, 1))[0].EventId!;

        var create = () => keyless.GetRequiredService<IConsentEvidence>().CreateCertificateAsync(Acme, eventId);

        var refused = (await create.Should().ThrowAsync<InvalidOperationException>()).Which;
        refused.Should().NotBeOfType<ConsentLogDivergenceException>();
        refused.Message.Should().Contain("No evidence signing key is configured (SmsOptOut:Evidence:SigningKeys)");
    }

    [Fact]
    public async Task A_divergence_found_before_the_first_leaf_still_reports_the_size_of_the_whole_log()
    {
        await OptOutAsync(3);
        var checkpoint = await Evidence.CheckpointAsync(Acme);
        await Log.AddCheckpointAsync(Acme, checkpoint with { TreeSize = 2, Time = checkpoint.Time.AddMinutes(-1) });

        var verification = await Evidence.VerifyAsync(Acme);

        verification.Divergence.Should().NotBeNull();
        verification.LogSize.Should().Be(3, "the log holds three leaves; the unsigned checkpoint stopped the verification before the first");
        (verification.Checked, verification.Erased).Should().Be((0L, 0L), "nothing was recomputed before the divergence");
    }

    [Fact]
    public async Task A_held_checkpoint_of_a_history_the_log_no_longer_has_gets_no_consistency_proof()
    {
        await OptOutAsync(5);
        var leaves = (await Log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        var rewritten = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 3, MerkleTree.Root([leaves[0], leaves[2], leaves[1]]), _time.GetUtcNow(), "k1", PrivateKey);
        var ahead = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 9, MerkleTree.Root(leaves), _time.GetUtcNow(), "k1", PrivateKey);

        var fromRewritten = () => Evidence.CreateConsistencyProofAsync(Acme, rewritten);
        var fromAhead = () => Evidence.CreateConsistencyProofAsync(Acme, ahead);

        (await fromRewritten.Should().ThrowAsync<ConsentLogDivergenceException>().WithMessage("*first 3 leaves no longer have the root*rewritten since*"))
            .Which.Divergence.Should().Be(new ConsentLogDivergence(null, null, null,
                "the first 3 leaves no longer have the root the checkpoint of 2026-12-07T09:00:05.0000000Z signed: the log was rewritten since"));
        (await fromAhead.Should().ThrowAsync<ConsentLogDivergenceException>().WithMessage("*covers 9 events but the log has 5: leaves were removed*"))
            .Which.Divergence.Should().Be(new ConsentLogDivergence(5, null, null,
                "the checkpoint of 2026-12-07T09:00:05.0000000Z covers 9 events but the log has 5: leaves were removed"));
    }

    [Fact]
    public async Task A_held_checkpoint_whose_key_is_not_configured_is_refused_as_an_argument_and_not_as_a_divergence()
    {
        await OptOutAsync(2);
        var other = SHA256.HashData("another-log-key"u8);
        var leaves = (await Log.ReadLogAsync(Acme, 0, 10)).Select(e => e.LeafHash).ToArray();
        var unknownKey = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 2, MerkleTree.Root(leaves), _time.GetUtcNow(), "k0", other);
        var wrongSignature = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), 2, MerkleTree.Root(leaves), _time.GetUtcNow(), "k1", other);

        var fromUnknownKey = () => Evidence.CreateConsistencyProofAsync(Acme, unknownKey);
        var fromWrongSignature = () => Evidence.CreateConsistencyProofAsync(Acme, wrongSignature);

        (await fromUnknownKey.Should().ThrowAsync<ArgumentException>()).Which.Message.Should()
            .Contain("is signed by key 'k0', which is not configured (SmsOptOut:Evidence:SigningKeys holds k1)").And.NotContain("was changed");
        (await fromWrongSignature.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("is not signed by key 'k1': it was changed, or was never this log's");
    }

    [Fact]
    public async Task Each_witness_gets_each_new_checkpoint_once_and_one_that_failed_gets_the_latest_at_the_next_round()
    {
        var scheduler = _services.GetServices<IHostedService>().OfType<CheckpointScheduler>().Single();
        await OptOutAsync(2);

        await scheduler.RoundAsync(default);
        await scheduler.RoundAsync(default);
        await OptOutAsync(1);
        await scheduler.RoundAsync(default);
        await scheduler.RoundAsync(default);

        _auditor.Received.Select(c => c.TreeSize).Should().Equal([2L, 3L], "a new checkpoint once each; an unchanged log hands nothing again");
        _timestamps.Received.Select(c => c.TreeSize).Should().Equal([3L], "it failed twice (2, then 2 again) and got the latest once it accepted");
        _timestamps.Attempts.Should().Be(3);
        (await Evidence.CheckpointAsync(Acme)).TreeSize.Should().Be(3);
        _auditor.Received.Should().HaveCount(2, "an on-demand checkpoint of an unchanged log is not handed again");
    }

    /// <summary>Services over their own in-memory store with no evidence key configured.</summary>
    private ServiceProvider KeylessServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSmsOptOut(_ => { }).UseInMemory();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task An_adapter_written_before_the_leaves_alone_read_them_through_its_entries()
    {
        await OptOutAsync(5);
        IConsentLogStore older = new AdapterWithoutLeaves(Log);

        var leaves = await older.ReadLeavesAsync(Acme, 1, 3);

        leaves.Should().BeEquivalentTo((await Log.ReadLeavesAsync(Acme, 1, 3)).ToArray(), o => o.WithStrictOrdering());
        leaves.Should().HaveCount(3).And.OnlyContain(l => l.Length == 32);
        (await older.ReadLeavesAsync(Acme, 5, 10)).Should().BeEmpty();
        await FluentActions.Awaiting(() => older.ReadLeavesAsync(Acme, 0, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>("the entries' read checks the limit");
    }

    private Task OptOutAsync(int count) => OptOutAsync(_services, count);

    private async Task OptOutAsync(IServiceProvider services, int count)
    {
        var service = services.GetRequiredService<IOptOutService>();
        var start = (int)await services.GetRequiredService<IConsentLogStore>().GetLogSizeAsync(Acme);
        for (var i = start; i < start + count; i++)
        {
            await service.OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse($"+1415555{i:0000}"), OptOutSource.Keyword));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class RecordingWitness : IConsentCheckpointWitness
    {
        public List<ConsentCheckpoint> Received { get; } = [];

        public int FailuresLeft { get; set; }

        public int Attempts { get; private set; }

        public Task WitnessAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            Attempts++;
            if (FailuresLeft-- > 0)
            {
                throw new HttpRequestException("the timestamping service answered 503");
            }

            account.Should().Be(Acme);
            Received.Add(checkpoint);
            return Task.CompletedTask;
        }
    }
}
