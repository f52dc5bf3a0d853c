using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The send-time check of one batch of a list send: suppression for the list (and for the sending number, where
/// keywords apply per number), then, for marketing lists, the Do-Not-Call registry for the numbers that are not
/// suppressed. Probing only those costs less than probing the whole batch beside suppression: a store's filter is
/// bound by the server's (or the process's) CPU, not by the round trip, so a concurrent probe of every number adds its
/// whole cost (measured in docs/benchmarks.md).
/// </summary>
internal static class SendTimeFilter
{
    public static async Task FilterAsync(ISuppressionStore store, IDoNotCallRegistryStore? registry, AccountId account, ListId? list, ListId? senderScope,
        PhoneNumber[] batch, bool[] suppressed, bool[] listed, CancellationToken cancellationToken)
    {
        Array.Clear(listed, 0, batch.Length);
        await SuppressedAsync(store, account, list, senderScope, batch, suppressed, cancellationToken).ConfigureAwait(false);
        if (registry is null)
        {
            return;
        }

        var misses = new List<int>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            if (!suppressed[i])
            {
                misses.Add(i);
            }
        }

        if (misses.Count == 0)
        {
            return;
        }

        var candidates = new PhoneNumber[misses.Count];
        for (var k = 0; k < candidates.Length; k++)
        {
            candidates[k] = batch[misses[k]];
        }

        var flags = new bool[candidates.Length];
        await registry.FilterAsync(account, candidates, flags, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < flags.Length; k++)
        {
            listed[misses[k]] = flags[k];
        }
    }

    private static async Task SuppressedAsync(ISuppressionStore store, AccountId account, ListId? list, ListId? senderScope, PhoneNumber[] batch, bool[] suppressed,
        CancellationToken cancellationToken)
    {
        await store.FilterAsync(account, list, batch, suppressed, cancellationToken).ConfigureAwait(false);
        if (senderScope is { } scope)
        {
            var bySender = new bool[batch.Length];
            await store.FilterAsync(account, scope, batch, bySender, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                suppressed[i] |= bySender[i];
            }
        }
    }
}
