using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Evidence.Internal;

/// <summary>Checkpoints, verification and certificates over the storage's consent log (see <see cref="IConsentEvidence"/>).</summary>
internal sealed class ConsentEvidenceService(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider time) : IConsentEvidence
{
    private const int Page = 10_000;

    private IConsentLogStore Log => services.GetService<IConsentLogStore>()
        ?? throw new NotSupportedException("The storage keeps no consent log (StorageCapabilities.ConsentLog): use the SQLite or in-memory storage for tamper-evident evidence.");

    public IReadOnlyDictionary<string, byte[]> PublicKeys { get; } =
        options.Value.Evidence.SigningKeys.ToDictionary(k => k.Id, k => ConsentCheckpoint.PublicKeyOf(Convert.FromBase64String(k.PrivateKey)), StringComparer.Ordinal);

    public ConsentLogVerificationRound? LastRound { get; private set; }

    public async Task<ConsentLogVerificationRound> VerifyAllAsync(CancellationToken cancellationToken = default)
    {
        var divergences = new Dictionary<string, ConsentLogDivergence>(StringComparer.Ordinal);
        var accounts = 0;
        if (services.GetService<Storage.IAccountDirectory>() is { } directory)
        {
            await foreach (var account in directory.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts++;
                if ((await VerifyAsync(account, cancellationToken).ConfigureAwait(false)).Divergence is { } divergence)
                {
                    divergences[account.Value] = divergence;
                }
            }
        }

        return LastRound = new ConsentLogVerificationRound(time.GetUtcNow(), accounts, divergences);
    }

    public async Task<ConsentCheckpoint> CheckpointAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        var key = ActiveKey() ?? throw new InvalidOperationException("No evidence signing key is configured (SmsOptOut:Evidence:SigningKeys): nothing can sign a checkpoint.");
        var leaves = await LeavesAsync(account, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var latest = await Log.GetLatestCheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        if (latest is not null && latest.TreeSize == leaves.Count)
        {
            return latest;
        }

        var checkpoint = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(account), leaves.Count, MerkleTree.Root(leaves), time.GetUtcNow(), key.Id,
            Convert.FromBase64String(key.PrivateKey));
        await Log.AddCheckpointAsync(account, checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    public async Task<ConsentLogVerification> VerifyAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        var log = Log;
        var checkpoint = await log.GetLatestCheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        var range = new CompactRange();
        long size = 0, checkedCount = 0, erased = 0;
        ConsentLogDivergence? divergence = checkpoint is null || (PublicKeys.TryGetValue(checkpoint.KeyId, out var key) && checkpoint.IsSignedBy(key))
            ? null
            : new(null, null, null, $"the checkpoint of {ConsentLeaf.Time(checkpoint.Time)} is not signed by a configured key ('{checkpoint.KeyId}'): it was changed, or its key is no longer listed");
        while (divergence is null)
        {
            var page = await log.ReadLogAsync(account, size, Page, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (entry.Index != size)
                {
                    divergence = new(size, null, null, $"leaf {size} is missing: the log jumps from {size - 1} to {entry.Index} (a row was deleted)");
                    break;
                }

                if (entry is { Event: { } e, Salt: { } salt })
                {
                    checkedCount++;
                    if (!CryptographicOperations.FixedTimeEquals(ConsentLeaf.Hash(e, salt), entry.LeafHash))
                    {
                        divergence = new(size, e.EventId, e.RecordedAt,
                            $"event {e.EventId} (leaf {size}) no longer matches its leaf: a field of the event or its evidence, or its salt, was changed after it was recorded");
                        break;
                    }
                }
                else if (entry is { EventId: { } deleted, Event: null })
                {
                    divergence = new(size, deleted, null, $"event {deleted} (leaf {size}) was deleted, and not by an erasure: its leaf remains, its record is gone");
                    break;
                }
                else
                {
                    erased++;
                }

                if (checkpoint is not null && size == checkpoint.TreeSize)
                {
                    divergence = CheckAgainst(checkpoint, range);
                }

                range.Append(entry.LeafHash);
                size++;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        if (divergence is null && checkpoint is not null)
        {
            divergence = size < checkpoint.TreeSize
                ? new(size, null, null, $"the log has {size} leaves but the checkpoint of {ConsentLeaf.Time(checkpoint.Time)} covered {checkpoint.TreeSize}: leaves were removed")
                : size == checkpoint.TreeSize ? CheckAgainst(checkpoint, range) : null;
        }

        return new ConsentLogVerification(size, checkedCount, erased, checkpoint, divergence);
    }

    public async Task<string> CreateCertificateAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var entry = await Log.FindLogEntryAsync(account, eventId, cancellationToken).ConfigureAwait(false);
        if (entry is not { Event: { } e, Salt: { } salt })
        {
            throw new KeyNotFoundException($"Event '{eventId}' of account '{account.Value}' is not in the consent log with its content (unknown, erased, or recorded before the log).");
        }

        var checkpoint = await Log.GetLatestCheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null || checkpoint.TreeSize <= entry.Index)
        {
            checkpoint = await CheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        }

        var leaves = await LeavesAsync(account, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
        var certificate = new ConsentCertificate(e, salt, entry.Index, MerkleTree.InclusionProof(leaves, entry.Index, checkpoint.TreeSize), checkpoint);
        var check = certificate.Verify(PublicKeys);
        return check.IsValid
            ? certificate.ToJson()
            : throw new InvalidOperationException($"The certificate of event '{eventId}' does not verify against the latest checkpoint: {check.Failure}. Run verify on account '{account.Value}'.");
    }

    private static ConsentLogDivergence? CheckAgainst(ConsentCheckpoint checkpoint, CompactRange range) =>
        CryptographicOperations.FixedTimeEquals(range.Root(), checkpoint.RootHash)
            ? null
            : new(null, null, null,
                $"the first {checkpoint.TreeSize} leaves no longer have the root the checkpoint of {ConsentLeaf.Time(checkpoint.Time)} signed: a leaf was changed, removed or reordered since");

    private EvidenceSigningKey? ActiveKey()
    {
        var evidence = options.Value.Evidence;
        return evidence.ActiveKeyId is { } id ? evidence.SigningKeys.FirstOrDefault(k => k.Id == id) : evidence.SigningKeys.Count == 1 ? evidence.SigningKeys[0] : null;
    }

    private async Task<List<byte[]>> LeavesAsync(AccountId account, long size, CancellationToken cancellationToken)
    {
        var leaves = new List<byte[]>();
        while (leaves.Count < size)
        {
            var page = await Log.ReadLogAsync(account, leaves.Count, (int)Math.Min(Page, size - leaves.Count), cancellationToken).ConfigureAwait(false);
            leaves.AddRange(page.Select(e => e.LeafHash));
            if (page.Count == 0 || page.Count < Page)
            {
                break;
            }
        }

        return leaves;
    }
}
