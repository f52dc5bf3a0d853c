using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The send-time check of one batch of a list send: suppression for the list (and for the sending number, where
/// keywords apply per number) and, for marketing lists, the Do-Not-Call registry. The registry is probed on another
/// thread at the same time, so it costs one concurrent probe (a round trip, or a core), not one more in sequence.
/// </summary>
internal static class SendTimeFilter
{
    public static async Task FilterAsync(ISuppressionStore store, IDoNotCallRegistryStore? registry, AccountId account, ListId list, ListId? senderScope,
        PhoneNumber[] batch, bool[] suppressed, bool[] listed, CancellationToken cancellationToken)
    {
        var registryProbe = registry is null ? Task.CompletedTask : Task.Run(() => registry.FilterAsync(account, batch, listed, cancellationToken), cancellationToken);
        await Task.WhenAll(SuppressedAsync(store, account, list, senderScope, batch, suppressed, cancellationToken), registryProbe).ConfigureAwait(false);
    }

    private static async Task SuppressedAsync(ISuppressionStore store, AccountId account, ListId list, ListId? senderScope, PhoneNumber[] batch, bool[] suppressed,
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
