using SmsOptOut.Numbers;

namespace SmsOptOut.Storage;

/// <summary>
/// Shared source of the first-party SQL adapters (not public API): runs a bulk filter's probe of a large batch as two halves at once (on two connections), the
/// first on the calling thread and the second on the thread pool, and adds up the hits. Below the threshold, or on a
/// single core, the batch is probed whole.
/// </summary>
internal static class ParallelProbe
{
    /// <summary>The batch size from which a batch is split; smaller ones are not worth a second connection.</summary>
    public const int Threshold = 2_048;

    /// <summary>Probes <paramref name="numbers"/> with <paramref name="probe"/>, in two concurrent halves when the batch is large.</summary>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">One flag per number, written by <paramref name="probe"/>.</param>
    /// <param name="probe">Probes a slice of the batch into the matching slice of flags, on its own connection; returns the hits.</param>
    /// <param name="cancellationToken">Cancels both halves.</param>
    /// <returns>The number of suppressed numbers in the batch.</returns>
    public static async Task<int> InHalvesAsync(ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        Func<ReadOnlyMemory<PhoneNumber>, Memory<bool>, Task<int>> probe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (numbers.Length < Threshold || Environment.ProcessorCount < 2)
        {
            return await probe(numbers, suppressed).ConfigureAwait(false);
        }

        var half = numbers.Length / 2;
        var second = Task.Run(() => probe(numbers[half..], suppressed[half..numbers.Length]), cancellationToken);
        var first = await probe(numbers[..half], suppressed[..half]).ConfigureAwait(false);
        return first + await second.ConfigureAwait(false);
    }
}
