using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Privacy;

namespace SmsOptOut.Tests.Evidence;

/// <summary>An erasure record's leaf is the documented form's hash: every field in it, the time cut to milliseconds, and an independent script agrees.</summary>
public sealed class ErasureLeafTests
{
    private static readonly ErasureRecord Record = new(new AccountId("acme"), "ticket-9", "GDPR Art. 17 — «effacement»", new DateTimeOffset(2026, 12, 8, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567))
    {
        Events = 3, Suppressions = 1, ErasedLeaves = [3, 17, 42], LogIndex = 43,
    };

    [Fact]
    public void The_form_is_the_documented_netstrings_and_the_leaf_its_sha256_after_a_zero_byte()
    {
        var form = Encoding.UTF8.GetString(ErasureLeaf.Form(Record));

        form.Should().Be("20:smsoptout-erasure-v1,4:acme,8:ticket-9,31:GDPR Art. 17 — «effacement»,28:2026-12-08T09:30:00.1230000Z,7:3,17,42,",
            "the reason's length is its UTF-8 byte count (the dash and the guillemets take more than one byte), the time is cut to milliseconds");
        ConsentLogLeaf.ErasureHash(Record).Should().Equal(SHA256.HashData([0, .. Encoding.UTF8.GetBytes(form)]));
    }

    [Fact]
    public void The_time_is_cut_to_whole_milliseconds_so_a_store_that_keeps_microseconds_gives_the_same_leaf()
    {
        var millisecond = Record with { ErasedAt = new DateTimeOffset(2026, 12, 8, 9, 30, 0, 123, TimeSpan.Zero) };
        var inParis = Record with { ErasedAt = Record.ErasedAt.ToOffset(TimeSpan.FromHours(1)) };

        ConsentLogLeaf.ErasureHash(millisecond).Should().Equal(ConsentLogLeaf.ErasureHash(Record));
        ConsentLogLeaf.ErasureHash(inParis).Should().Equal(ConsentLogLeaf.ErasureHash(Record), "the same instant in another offset is the same UTC time");
        ConsentLogLeaf.ErasureHash(Record with { ErasedAt = millisecond.ErasedAt.AddMilliseconds(1) }).Should().NotEqual(ConsentLogLeaf.ErasureHash(Record));
    }

    [Fact]
    public void Every_field_of_the_form_changes_the_leaf_and_the_counts_and_own_index_do_not()
    {
        var leaf = ConsentLogLeaf.ErasureHash(Record);
        var changed = new[]
        {
            Record with { Account = new AccountId("globex") }, Record with { RequestId = "ticket-10" }, Record with { Reason = "GDPR Art. 17" },
            Record with { ErasedLeaves = [3, 17] }, Record with { ErasedLeaves = [3, 42, 17] }, Record with { ErasedLeaves = [] }, Record with { ErasedLeaves = [31, 7, 42] },
        };

        changed.Select(ConsentLogLeaf.ErasureHash).Should().OnlyContain(h => !h.SequenceEqual(leaf), "each is a field the leaf commits to");
        ConsentLogLeaf.ErasureHash(Record with { Events = 9, Tokens = 2, LogIndex = 7 }).Should().Equal(leaf, "the counts other stores hold and the leaf's own place are not in the form");
        Encoding.UTF8.GetString(ErasureLeaf.Form(Record with { ErasedLeaves = [] })).Should().EndWith(",0:,", "no erased leaf is an empty field, not an absent one");
    }

    [SkippableFact]
    public async Task An_independent_script_written_from_the_documentation_computes_the_same_leaf()
    {
        var node = NodeScript.Node();
        foreach (var record in new[] { Record, Record with { ErasedLeaves = [], Reason = "asked", ErasedAt = new DateTimeOffset(2026, 12, 8, 23, 59, 59, TimeSpan.FromHours(-5)) } })
        {
            var file = Path.Combine(Path.GetTempPath(), $"erasure-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["account"] = record.Account.Value, ["request_id"] = record.RequestId, ["reason"] = record.Reason,
                ["erased_at"] = record.ErasedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["erased_leaves"] = record.ErasedLeaves,
            }));
            try
            {
                (await NodeScript.RunAsync(node, "erasure-leaf.mjs", file)).Should().Be((0, Convert.ToHexStringLower(ConsentLogLeaf.ErasureHash(record))));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
