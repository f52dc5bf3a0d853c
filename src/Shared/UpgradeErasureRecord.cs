using SmsOptOut.Consent;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage;

/// <summary>
/// The erasure record a store appends once, when it is upgraded to keep erasure records as leaves of the consent log
/// (docs/evidence.md, "Erasure records in the log"): it lists the leaves of an account that had lost their events by
/// then, erased by erasures whose records are not leaves, so that from then on every leaf without its event is listed by
/// one. Only as trustworthy as the database was at the upgrade, as the leaves the backfill computed for older events.
/// </summary>
internal static class UpgradeErasureRecord
{
    /// <summary>Its request id.</summary>
    public const string RequestId = "smsoptout-upgrade";

    /// <summary>Its reason.</summary>
    public const string Reason = "the leaves that had lost their events when erasure records became leaves of the consent log (the upgrade), listed as they were found: only as trustworthy as the database was then";

    /// <summary>The record of <paramref name="account"/>'s <paramref name="leaves"/> at <paramref name="at"/>, for the leaf at <paramref name="logIndex"/>.</summary>
    public static ErasureRecord Of(AccountId account, IReadOnlyList<long> leaves, DateTimeOffset at, long logIndex) =>
        new(account, RequestId, Reason, WholeMilliseconds.Of(at))
        {
            Events = leaves.Count, ErasedLeaves = leaves, LogIndex = logIndex,
        };
}
