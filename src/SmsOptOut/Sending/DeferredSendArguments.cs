using SmsOptOut.Storage;

namespace SmsOptOut.Sending;

/// <summary>
/// The argument checks of <see cref="IDeferredSendStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class DeferredSendArguments
{
    /// <summary>Checks messages to hold (<see cref="Sending.IDeferredSendStore.AddAsync"/>).</summary>
    /// <param name="sends">The messages.</param>
    /// <exception cref="ArgumentException">A message lacks its id (1 to 64 characters), account, number or message, or an id comes twice.</exception>
    public static void Validate(IReadOnlyList<Sending.DeferredSend> sends)
    {
        ArgumentNullException.ThrowIfNull(sends);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var send in sends)
        {
            if (send is null || string.IsNullOrEmpty(send.Id) || send.Id.Length > 64 || !ids.Add(send.Id))
            {
                throw new ArgumentException("Each held message needs an id of 1 to 64 characters, unique in the batch.", nameof(sends));
            }

            StoreArguments.ValidateNumber(send.Account, send.Number);
            if (string.IsNullOrEmpty(send.Message))
            {
                throw new ArgumentException($"The held message {send.Id} has no message.", nameof(sends));
            }
        }
    }
}
