using System.Security.Cryptography;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>The leaves of a page are recomputed the same on one thread and across cores: exactly the changed entry fails, erased ones pass.</summary>
public sealed class LeafCheckTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(5_000)]
    public void Exactly_the_changed_entry_fails_on_one_thread_and_across_cores(int count)
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, count).Select(i =>
        {
            var e = new ConsentEvent
            {
                EventId = $"evt_{i}", Account = new AccountId("acme"), Number = PhoneNumber.FromValue(14_155_550_000UL + (ulong)i), Kind = ConsentKind.OptOut,
                Source = OptOutSource.Keyword, OccurredAt = at, RecordedAt = at, Evidence = new ConsentEvidence { MessageText = "STOP" },
            };
            var salt = RandomNumberGenerator.GetBytes(ConsentLeaf.SaltSize);
            return new ConsentLogEntry(i, ConsentLeaf.Hash(e, salt), e.EventId, e, salt);
        }).ToArray();
        var changed = count * 2 / 3;
        entries[changed] = entries[changed] with { Event = entries[changed].Event! with { Evidence = new ConsentEvidence { MessageText = "START" } } };
        entries[1] = entries[1] with { EventId = null, Event = null, Salt = null };
        entries[2] = entries[2] with { Salt = entries[2].Salt![..15] };

        var matches = LeafCheck.Matches(entries);

        matches.Select((m, i) => (m, i)).Where(x => !x.m).Select(x => x.i).Should().Equal([2, changed],
            "the changed event, and the one whose salt was cut (no match, not an exception); the erased one has nothing to check");
    }
}
