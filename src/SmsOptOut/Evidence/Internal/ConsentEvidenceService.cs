using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Evidence.Internal;

/// <summary>Checkpoints, verification and certificates over the storage's consent log (see <see cref="IConsentEvidence"/>).</summary>
internal sealed class ConsentEvidenceService(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider time, ILogger<ConsentEvidenceService> logger)
    : IConsentEvidence
{
    private const int Page = 10_000;

    /// <summary>The checkpoint each witness (by its place among the registered ones) last accepted, per account.</summary>
    private readonly ConcurrentDictionary<(int Witness, string Account), ConsentCheckpoint> _witnessed = new();

    private readonly IConsentCheckpointWitness[] _witnesses = [.. services.GetServices<IConsentCheckpointWitness>()];

    /// <summary>The roots of each account's complete blocks of leaves, so tree heads and proofs read only a few blocks.</summary>
    private readonly ConcurrentDictionary<string, LogBlockRoots> _blocks = new(StringComparer.Ordinal);

    private IConsentLogStore Log => services.GetService<IConsentLogStore>()
        ?? throw new NotSupportedException("The storage keeps no consent log (StorageCapabilities.ConsentLog): use the SQLite or in-memory storage for tamper-evident evidence.");

    public IReadOnlyDictionary<string, byte[]> PublicKeys { get; } = options.Value.Evidence.SigningKeys
        .Select(k => (k.Id, Key: ConsentCheckpoint.PublicKeyOf(Convert.FromBase64String(k.PrivateKey))))
        .Concat(options.Value.Evidence.VerificationKeys.Select(k => (k.Id, Key: Convert.FromBase64String(k.PublicKey))))
        .ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal);

    public ConsentLogVerificationRound? LastRound { get; private set; }

    public async Task<ConsentLogVerificationRound> VerifyAllAsync(CancellationToken cancellationToken = default)
    {
        var divergences = new Dictionary<string, ConsentLogDivergence>(StringComparer.Ordinal);
        var uncheckedAccounts = new List<string>();
        var accounts = 0;
        if (services.GetService<Storage.IAccountDirectory>() is { } directory)
        {
            await foreach (var account in directory.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts++;
                var verification = await VerifyAsync(account, cancellationToken).ConfigureAwait(false);
                if (verification.Divergence is { } divergence)
                {
                    divergences[account.Value] = divergence;
                }
                else if (verification.UncheckedSignatures > 0)
                {
                    uncheckedAccounts.Add(account.Value);
                }
            }
        }

        return LastRound = new ConsentLogVerificationRound(time.GetUtcNow(), accounts, divergences) { UncheckedAccounts = uncheckedAccounts };
    }

    public async Task<ConsentCheckpoint> CheckpointAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        var key = ActiveKey() ?? throw new InvalidOperationException("No evidence signing key is configured (SmsOptOut:Evidence:SigningKeys): nothing can sign a checkpoint.");
        var latest = await Log.GetLatestCheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        var checkpoint = latest;

        // An unchanged log (the usual case at each round, for most accounts) costs one size read; a grown one, the leaves
        // added since the last complete block (LogBlockRoots), not every leaf.
        var size = await Log.GetLogSizeAsync(account, cancellationToken).ConfigureAwait(false);
        if (latest is null || latest.TreeSize != size)
        {
            // Only roots the latest checkpoint covers and matches are signed again: a log replaced since they were
            // remembered (a restored backup that grew again) is read again from its leaves.
            await KeepBlocksAsync(account, (latest?.TreeSize ?? 0) / LogBlockRoots.BlockSize, cancellationToken).ConfigureAwait(false);
            var tree = await TreeAsync(account, size, Boundary(latest), cancellationToken).ConfigureAwait(false);
            if (latest is { TreeSize: > 0 } && latest.TreeSize <= size && !CryptographicOperations.FixedTimeEquals(tree.Root(0, latest.TreeSize), latest.RootHash))
            {
                await KeepBlocksAsync(account, 0, cancellationToken).ConfigureAwait(false);
                tree = await TreeAsync(account, size, Boundary(latest), cancellationToken).ConfigureAwait(false);
            }

            checkpoint = ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(account), size, tree.Root(), time.GetUtcNow(), key.Id,
                Convert.FromBase64String(key.PrivateKey));
            await Log.AddCheckpointAsync(account, checkpoint, cancellationToken).ConfigureAwait(false);
        }

        await HandToWitnessesAsync(account, checkpoint!, cancellationToken).ConfigureAwait(false);
        return checkpoint!;
    }

    /// <summary>Offers the checkpoint to every witness that has not accepted it; one that throws is logged and offered the latest again next time.</summary>
    private async Task HandToWitnessesAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _witnesses.Length; i++)
        {
            if (_witnessed.TryGetValue((i, account.Value), out var held) && held.TreeSize >= checkpoint.TreeSize)
            {
                continue;
            }

            try
            {
                await _witnesses[i].WitnessAsync(account, checkpoint, cancellationToken).ConfigureAwait(false);
                _witnessed[(i, account.Value)] = checkpoint;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SmsOptOut.Internal.Log.CheckpointNotWitnessed(logger, e, _witnesses[i].GetType().Name, checkpoint.TreeSize, account.Value);
            }
        }
    }

    public async Task<ConsentLogVerification> VerifyAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        var log = Log;
        var checkpoints = await log.GetCheckpointsAsync(account, cancellationToken).ConfigureAwait(false);
        var checkpoint = checkpoints.Count == 0 ? null : checkpoints[^1];
        var range = new CompactRange();
        long size = 0, checkedCount = 0, erased = 0, backfilled = 0, erasures = 0;
        var erasedLeaves = new ErasedLeaves();
        DateTimeOffset? backfilledAt = null;

        // Evidence minimization is the one thing that removes a salt and keeps the event: only from events older than its age.
        var minimizedBefore = options.Value.Retention.MinimizeEvidenceAfter is { } age ? time.GetUtcNow() - age : (DateTimeOffset?)null;
        var due = 0;

        // With no key configured at all, no signature can be checked: a setup problem, said as UncheckedSignatures, not a
        // divergence (every checkpoint would look forged). Their roots are still checked. With any key configured, a key id
        // it does not list is a dropped old key or a forgery: a divergence, as a signature that does not verify.
        var keyless = PublicKeys.Count == 0;
        ConsentLogDivergence? divergence = !keyless && checkpoints.FirstOrDefault(c => !IsSigned(c)) is { } unsigned
            ? new(null, null, null, PublicKeys.ContainsKey(unsigned.KeyId)
                ? $"the checkpoint of {ConsentLeaf.Time(unsigned.Time)} ({unsigned.TreeSize} events) does not verify with key '{unsigned.KeyId}', which is configured: the checkpoint was changed, or signed by another key under that id"
                : $"the checkpoint of {ConsentLeaf.Time(unsigned.Time)} ({unsigned.TreeSize} events) is not signed by a configured key ('{unsigned.KeyId}'): it was changed, or its key is no longer listed")
            : null;

        // Every kept checkpoint is checked when the tree reaches its size: one handed to a third party long ago is as binding as the latest.
        ConsentLogDivergence? CheckDue()
        {
            for (; due < checkpoints.Count && checkpoints[due].TreeSize == size; due++)
            {
                if (CheckAgainst(checkpoints[due], range, keyless) is { } mismatch)
                {
                    return mismatch;
                }
            }

            return null;
        }

        while (divergence is null)
        {
            var page = await log.ReadLogAsync(account, size, Page, cancellationToken).ConfigureAwait(false);
            var matches = LeafCheck.Matches(page);
            for (var i = 0; i < page.Count; i++)
            {
                var entry = page[i];
                if ((divergence = CheckDue() ?? Check(entry, size, matches[i], minimizedBefore) ?? erasedLeaves.Add(entry, size)) is not null)
                {
                    break;
                }

                var content = entry is { Event: not null, Salt: not null };
                erasures += entry.Erasure is null ? 0 : 1;
                erased += content || entry.Erasure is not null ? 0 : 1;
                checkedCount += content ? 1 : 0;
                if (entry.BackfilledAt is { } at)
                {
                    backfilled++;
                    backfilledAt = backfilledAt > at ? backfilledAt : at;
                }

                range.Append(entry.LeafHash);
                size++;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        if (divergence is null && (erasedLeaves.Unlisted > 0 || log.ErasuresAreLeaves))
        {
            divergence = await UnrecordedErasureAsync(account, erasedLeaves, log.ErasuresAreLeaves, cancellationToken).ConfigureAwait(false);
        }

        if (divergence is null && checkpoint is not null)
        {
            divergence = CheckDue() ?? (size < checkpoint.TreeSize
                ? new(size, null, null, $"the log has {size} leaves but the checkpoint of {ConsentLeaf.Time(checkpoint.Time)} covered {checkpoint.TreeSize}: leaves were removed")
                : null);
        }

        // A divergence stops the walk at its leaf (or before the first, for an unsigned checkpoint): the log's size is the store's, not how far the walk got.
        var logSize = divergence is null ? size : Math.Max(size, await log.GetLogSizeAsync(account, cancellationToken).ConfigureAwait(false));
        return new ConsentLogVerification(logSize, checkedCount, erased, checkpoint, divergence)
        {
            Checkpoints = checkpoints.Count, Backfilled = backfilled, BackfilledAt = backfilledAt, UncheckedSignatures = keyless ? checkpoints.Count : 0, Erasures = erasures,
        };
    }

    /// <summary>
    /// Whether a log entry still matches what it recorded: its place, and its event (when it has one) against its leaf
    /// (<paramref name="matchesLeaf"/>, from <see cref="LeafCheck"/>); an event without its salt only as evidence
    /// minimization leaves one (<paramref name="minimizedBefore"/>: what it reaches; null: it is not configured).
    /// </summary>
    private static ConsentLogDivergence? Check(ConsentLogEntry entry, long size, bool matchesLeaf, DateTimeOffset? minimizedBefore) => entry switch
    {
        _ when entry.Index != size => new(size, null, null, $"leaf {size} is missing: the log jumps from {size - 1} to {entry.Index} (a row was deleted)"),
        { Unreadable: { } why } => new(size, entry.EventId, null, $"{(entry.EventId is { } id ? $"event {id}" : "the erasure record")} (leaf {size})'s stored record can no longer be read ({why}): it was changed after it was recorded"),
        { Erasure: { } r } when !matchesLeaf => new(size, null, null,
            $"the erasure record of request '{r.RequestId}' ({ConsentLeaf.Time(r.ErasedAt)}, leaf {size}) no longer matches its leaf: its request id, reason, time or the leaves it lists were changed after it was recorded"),
        { Event: { } e, Salt: { } salt } when !matchesLeaf => Edited(entry, e, salt, size),
        { Event: { } e, Salt: null } => Unsalted(e, size, minimizedBefore),
        { EventId: { } deleted, Event: null } => new(size, deleted, null, $"event {deleted} (leaf {size}) was deleted, and not by an erasure: its leaf remains, its record is gone"),
        _ => null,
    };

    /// <summary>
    /// An event kept without its salt, which only evidence minimization does (an erasure takes the event too): it must
    /// hold no detail minimization removes, and be as old as minimization reaches. Otherwise its salt was removed to
    /// hide a change, since without it the event no longer answers to its leaf.
    /// </summary>
    private static ConsentLogDivergence? Unsalted(ConsentEvent e, long size, DateTimeOffset? minimizedBefore)
    {
        var why = minimizedBefore switch
        {
            _ when Privacy.ConsentEvidenceMinimizer.HasPersonalDetails(e.Evidence) => "its evidence still holds the personal details minimization removes with the salt",
            null => "evidence minimization is not configured (SmsOptOut:Retention:MinimizeEvidenceAfter), and nothing else removes a salt but an erasure, which removes the event too",
            { } before when e.RecordedAt >= before => $"it was recorded {ConsentLeaf.Time(e.RecordedAt)}, after {ConsentLeaf.Time(before)}, the oldest time evidence minimization reaches",
            _ => null,
        };
        return why is null ? null : new(size, e.EventId, e.RecordedAt, $"event {e.EventId} (leaf {size}) has lost its salt, so it no longer answers to its leaf, and not by evidence minimization: {why}");
    }

    /// <summary>
    /// The account's erasure records against the log. Where erasures are leaves (<paramref name="strict"/>): a leaf that
    /// lost its event and no erasure record lists, or a record kept with a leaf index that is not an erasure record's leaf,
    /// was written or deleted behind the store's back. Otherwise leaves without their events may be no more than the
    /// account's erasure records without leaves count: beyond that, event records were deleted with their ids cleared from
    /// the log, which an erasure alone does. Not checked when the storage keeps no erasure records.
    /// </summary>
    private async Task<ConsentLogDivergence?> UnrecordedErasureAsync(AccountId account, ErasedLeaves erasedLeaves, bool strict, CancellationToken cancellationToken)
    {
        long recorded = 0;
        var records = new List<Privacy.ErasureRecord>();
        try
        {
            if (services.GetService<Privacy.IDataSubjectStore>() is { } subjects)
            {
                await foreach (var record in subjects.GetErasuresAsync(account, cancellationToken).ConfigureAwait(false))
                {
                    records.Add(record);
                    recorded += record.LogIndex is null ? record.Events : 0;
                }
            }
            else if (!strict)
            {
                return null;
            }
        }
        catch (NotSupportedException) when (!strict)
        {
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or System.Text.Json.JsonException)
        {
            return new(null, null, null, $"the account's erasure records can no longer be read ({e.Message}): one was changed behind the store's back");
        }

        var (unlisted, first) = (erasedLeaves.Unlisted, erasedLeaves.FirstUnlisted);
        var lost = unlisted == 1 ? "1 leaf has lost its event" : $"{unlisted} leaves have lost their events";
        if (strict)
        {
            if (Upgrade(records, recorded) is { } upgrade)
            {
                return upgrade;
            }

            if (unlisted > 0)
            {
                return new(first, null, null,
                    $"{lost} and no erasure record in the log lists {(unlisted == 1 ? "it" : "them")} (the first: leaf {first}): " +
                    "event records were deleted and their ids cleared from the log, or an erasure record was deleted, behind the store's back");
            }

            return records.Where(r => r.LogIndex is { } index && !erasedLeaves.IsRecord(index)).OrderBy(r => r.LogIndex).FirstOrDefault() is { } forged
                ? new(forged.LogIndex, null, null,
                    $"the erasure record of request '{forged.RequestId}' ({ConsentLeaf.Time(forged.ErasedAt)}) names leaf {forged.LogIndex} as its own, which is not an erasure record's leaf: it was written or moved behind the store's back")
                : null;
        }

        return unlisted <= recorded
            ? null
            : new(first, null, null,
                $"{lost} with no erasure record in the log that lists {(unlisted == 1 ? "it" : "them")} (the first: leaf {first}), " +
                $"and the account's erasure records without leaves count {recorded} erased events: event records were deleted and their ids cleared from the log, not by an erasure");
    }

    /// <summary>
    /// The record the store's upgrade appended to list the leaves erased before erasure records were leaves
    /// (<see cref="Storage.UpgradeErasureRecord"/>): at most one, before every other erasure record's leaf, and listing no
    /// more leaves than the erasure records kept before it count (<paramref name="recorded"/>) — what verification held
    /// those leaves to before the upgrade.
    /// </summary>
    private static ConsentLogDivergence? Upgrade(List<Privacy.ErasureRecord> records, long recorded)
    {
        var logged = records.Where(r => r.LogIndex is not null).OrderBy(r => r.LogIndex).ToList();
        var upgrades = logged.FindAll(r => r.RequestId == Storage.UpgradeErasureRecord.RequestId);
        if (upgrades.Count == 0)
        {
            return null;
        }

        var upgrade = upgrades[0];
        if (upgrades.Count > 1 || logged[0].LogIndex != upgrade.LogIndex)
        {
            var late = upgrades.Count > 1 ? upgrades[1] : upgrade;
            return new(late.LogIndex, null, null,
                $"the store's upgrade record at leaf {late.LogIndex} comes after erasure records that are leaves: the store was marked as not upgraded behind its back, and its next start listed leaves that lost their events since");
        }

        return upgrade.ErasedLeaves.Count <= recorded
            ? null
            : new(upgrade.LogIndex, null, null,
                $"the store's upgrade record (leaf {upgrade.LogIndex}) lists {upgrade.ErasedLeaves.Count} leaves that had lost their events, but the erasure records kept before it count {recorded} erased events: event records were deleted before the upgrade, not by an erasure");
    }

    /// <summary>An event that no longer gives its leaf, with the field its check locates when it can.</summary>
    private static ConsentLogDivergence Edited(ConsentLogEntry entry, ConsentEvent e, byte[] salt, long size)
    {
        var resized = salt.Length != ConsentLeaf.SaltSize;
        var changed = entry.FieldCheck is { } check && !resized ? ConsentFieldCheck.Locate(check, e, salt) : (FieldChange?)null;
        var what = changed switch
        {
            _ when resized => $"its salt was changed: it is {salt.Length} bytes, not {ConsentLeaf.SaltSize}",
            null => "a field of the event or its evidence, or its salt, was changed after it was recorded (it has no field check to say which: it was recorded before the store kept one)",
            { Field: { } field } => $"its field '{field}' was changed after it was recorded (located by the event's field check)",
            { Agrees: true } => "its fields still give the field check kept with it, so the salt or the leaf was changed, or the check was rewritten with a field",
            _ => "several of its fields, or its salt, were changed after it was recorded (its field check names no single one)",
        };
        return new(size, e.EventId, e.RecordedAt, $"event {e.EventId} (leaf {size}) no longer matches its leaf: {what}") { Field = changed?.Field };
    }

    public async Task<string> CreateConsistencyProofAsync(AccountId account, ConsentCheckpoint held, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.Origin != ConsentCheckpoint.OriginOf(account))
        {
            throw new ArgumentException($"The checkpoint is of '{held.Origin}', not of account '{account.Value}''s log ('{ConsentCheckpoint.OriginOf(account)}').", nameof(held));
        }

        // A key id no configured key has is a matter of configuration (no keys given, or an old one dropped), not a forgery.
        if (!PublicKeys.ContainsKey(held.KeyId))
        {
            throw new ArgumentException(
                $"The checkpoint of {ConsentLeaf.Time(held.Time)} is signed by key '{held.KeyId}', which is not configured (SmsOptOut:Evidence:SigningKeys holds {(PublicKeys.Count == 0 ? "no key" : string.Join(", ", PublicKeys.Keys.Order(StringComparer.Ordinal)))}): list the log's keys, old ones included.",
                nameof(held));
        }

        if (!IsSigned(held))
        {
            throw new ArgumentException($"The checkpoint of {ConsentLeaf.Time(held.Time)} is not signed by key '{held.KeyId}': it was changed, or was never this log's.", nameof(held));
        }

        var latest = await CheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        if (held.TreeSize > latest.TreeSize)
        {
            throw Diverged(new(latest.TreeSize, null, null, $"the checkpoint of {ConsentLeaf.Time(held.Time)} covers {held.TreeSize} events but the log has {latest.TreeSize}: leaves were removed"));
        }

        for (var fresh = false; ; fresh = true)
        {
            var tree = await TreeAsync(account, latest.TreeSize, Boundary(held), cancellationToken).ConfigureAwait(false);
            if (CryptographicOperations.FixedTimeEquals(tree.Root(0, held.TreeSize), held.RootHash))
            {
                var proof = held.TreeSize == 0 ? [] : MerkleTree.ConsistencyProof(tree.Root, held.TreeSize, latest.TreeSize);
                return new ConsistencyProof(held, latest, proof).ToJson();
            }

            // Never a divergence from what this process remembers: read every leaf again first.
            if (fresh)
            {
                throw Diverged(new(null, null, null, $"the first {held.TreeSize} leaves no longer have the root the checkpoint of {ConsentLeaf.Time(held.Time)} signed: the log was rewritten since"));
            }

            await KeepBlocksAsync(account, 0, cancellationToken).ConfigureAwait(false);
        }

        ConsentLogDivergenceException Diverged(ConsentLogDivergence divergence) =>
            new(divergence, $"{char.ToUpperInvariant(divergence.Reason[0])}{divergence.Reason[1..]}. Run verify on account '{account.Value}'.");
    }

    public async Task<string> CreateCertificateAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (PublicKeys.Count == 0)
        {
            // Not a divergence: without a key the latest checkpoint's signature cannot be checked, nor a new one signed.
            throw new InvalidOperationException("No evidence signing key is configured (SmsOptOut:Evidence:SigningKeys): a certificate's checkpoint can be neither signed nor checked.");
        }

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

        CertificateCheck check;
        for (var fresh = false; ; fresh = true)
        {
            var tree = await TreeAsync(account, checkpoint.TreeSize, [entry.Index / LogBlockRoots.BlockSize], cancellationToken).ConfigureAwait(false);
            var certificate = new ConsentCertificate(e, salt, entry.Index, MerkleTree.InclusionProof(tree.Root, entry.Index, checkpoint.TreeSize), checkpoint);
            check = certificate.Verify(PublicKeys);
            if (check.IsValid)
            {
                return certificate.ToJson();
            }

            // Never a refusal from what this process remembers: read every leaf again first.
            if (fresh)
            {
                break;
            }

            await KeepBlocksAsync(account, 0, cancellationToken).ConfigureAwait(false);
        }

        // No certificate of a log that does not verify. The verifier names the first divergence (which may be another
        // event's); should it find none (the log changed back meanwhile), the certificate's own failure is the divergence.
        var divergence = (await VerifyAsync(account, cancellationToken).ConfigureAwait(false)).Divergence
            ?? new ConsentLogDivergence(entry.Index, eventId, e.RecordedAt, check.Failure!);
        throw new ConsentLogDivergenceException(
            divergence, $"The certificate of event '{eventId}' does not verify against the latest checkpoint: {check.Failure}. Run verify on account '{account.Value}'.");
    }

    /// <summary>Whether the leaves so far give the checkpoint's root; <paramref name="unsigned"/>: its signature could not be checked, so the checkpoint itself may be what changed.</summary>
    private static ConsentLogDivergence? CheckAgainst(ConsentCheckpoint checkpoint, CompactRange range, bool unsigned) =>
        CryptographicOperations.FixedTimeEquals(range.Root(), checkpoint.RootHash)
            ? null
            : new(null, null, null,
                $"the first {checkpoint.TreeSize} leaves no longer have the root the checkpoint of {ConsentLeaf.Time(checkpoint.Time)} signed: a leaf was changed, removed or reordered since"
                + (unsigned ? ", or the checkpoint was (its signature was not checked: no key is configured)" : string.Empty));

    private bool IsSigned(ConsentCheckpoint checkpoint) => PublicKeys.TryGetValue(checkpoint.KeyId, out var key) && checkpoint.IsSignedBy(key);

    private EvidenceSigningKey? ActiveKey()
    {
        var evidence = options.Value.Evidence;
        return evidence.ActiveKeyId is { } id ? evidence.SigningKeys.FirstOrDefault(k => k.Id == id) : evidence.SigningKeys.Count == 1 ? evidence.SigningKeys[0] : null;
    }

    /// <summary>The tree of an account's first <paramref name="size"/> leaves, with the leaves of <paramref name="blocks"/> read (<see cref="LogBlockRoots"/>).</summary>
    private Task<LogTree> TreeAsync(AccountId account, long size, IEnumerable<long> blocks, CancellationToken cancellationToken) =>
        Blocks(account).TreeAsync((from, count, ct) => ReadLeavesAsync(account, from, count, ct), size, blocks, cancellationToken);

    /// <summary>The account's block roots: those remembered, and those kept with its log.</summary>
    private LogBlockRoots Blocks(AccountId account) => _blocks.GetOrAdd(account.Value, _ => new LogBlockRoots(
        (from, limit, ct) => Log.ReadBlockRootsAsync(account, from, limit, ct),
        (from, roots, ct) => Log.WriteBlockRootsAsync(account, from, roots, ct)));

    /// <summary>The blocks on either side of a checkpoint's last leaf: they hold the ranges its root and a proof from it split there.</summary>
    private static long[] Boundary(ConsentCheckpoint? checkpoint) => checkpoint is not { TreeSize: > 0 and var size }
        ? []
        : [(size - 1) / LogBlockRoots.BlockSize, size / LogBlockRoots.BlockSize];

    /// <summary>
    /// Keeps the roots of an account's first <paramref name="count"/> blocks, remembered or stored; 0: every leaf is read
    /// again (and the roots written over the stored ones).
    /// </summary>
    private Task KeepBlocksAsync(AccountId account, long count, CancellationToken cancellationToken) => Blocks(account).KeepAsync(count, cancellationToken);

    /// <summary>The hashes of up to <paramref name="count"/> leaves from <paramref name="from"/>, a page at a time.</summary>
    private async Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int count, CancellationToken cancellationToken)
    {
        var leaves = new List<byte[]>(count);
        while (leaves.Count < count)
        {
            var page = await Log.ReadLeavesAsync(account, from + leaves.Count, Math.Min(Page, count - leaves.Count), cancellationToken).ConfigureAwait(false);
            leaves.AddRange(page);
            if (page.Count == 0)
            {
                break;
            }
        }

        return leaves;
    }
}
