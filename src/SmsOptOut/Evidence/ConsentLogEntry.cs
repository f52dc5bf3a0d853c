using SmsOptOut.Consent;

namespace SmsOptOut.Evidence;

/// <summary>One leaf of an account's consent log.</summary>
/// <param name="Index">Its position in the log (0-based, the store's commit order).</param>
/// <param name="LeafHash">The leaf hash kept with it (32 bytes).</param>
/// <param name="EventId">The event's id; <see langword="null"/> once erased.</param>
/// <param name="Event">The event, as stored now; <see langword="null"/> once erased — or when it was deleted by other means than an erasure (<paramref name="EventId"/> set).</param>
/// <param name="Salt">The event's salt (16 bytes); <see langword="null"/> once erased or once retention minimized its evidence.</param>
public sealed record ConsentLogEntry(long Index, byte[] LeafHash, string? EventId, ConsentEvent? Event, byte[]? Salt);
