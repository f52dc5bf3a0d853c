namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Where key layout 6 appended an account's events recorded before the consent log (<c>bfill</c>): the log size it
/// started at, how many leaves it added, and when. Fixed once the move is done.
/// </summary>
/// <param name="Base">The index of the first added leaf.</param>
/// <param name="Count">How many leaves were added.</param>
/// <param name="At">When they were added.</param>
internal sealed record RedisBackfill(long Base, long Count, DateTimeOffset At)
{
    /// <summary>Whether the leaf at <paramref name="index"/> is one the backfill added.</summary>
    public bool Holds(long index) => index >= Base && index < Base + Count;
}
