using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.Redis.Internal;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The compact form of an event record (key layout 8): every field and the salt with its field check read back, at any
/// instant; the form pays for the check's four bytes, so a record with it is no longer than the earlier form without it;
/// and the earlier form still reads (<see cref="UserAgentPackingTests"/> reads a record of layout 4).
/// </summary>
public sealed class RedisEventRecordTests
{
    private static readonly byte[] Salt = Convert.FromHexString("00112233445566778899aabbccddeeff");

    public static TheoryData<DateTimeOffset> Instants => new()
    {
        new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero).AddTicks(1234567),
        new DateTimeOffset(2019, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue.AddDays(-1),
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void A_compact_record_reads_back_every_field_and_the_salt_with_its_check(DateTimeOffset at)
    {
        var e = Event() with { OccurredAt = at, RecordedAt = at.AddMilliseconds(250), PausedUntil = at };
        var stored = SaltColumn.Of(e, Salt);

        var record = RedisEventRecord.Encode(e, stored);
        var (read, salt) = RedisEventRecord.Decode(e.Account, record);

        read.Should().Be(e);
        salt.Should().Equal(stored, "the salt and its field check, 20 bytes");
        SaltColumn.Split(salt!).FieldCheck.Should().Be(SmsOptOut.Evidence.ConsentLogLeaf.FieldCheck(e, Salt));
        RedisEventRecord.RecordedTicks(record).Should().Be(e.RecordedAt.UtcTicks);
        record[2 + 17].Should().BeGreaterThanOrEqualTo(0x80, "the byte after the id marks the compact form");
    }

    [Theory]
    [InlineData(ConsentKind.OptOut, OptOutSource.Keyword, SuppressionScope.Account)]
    [InlineData(ConsentKind.OptIn, OptOutSource.ProviderError, SuppressionScope.List)]
    [InlineData(ConsentKind.OptOut, OptOutSource.OptOutLink, SuppressionScope.List)]
    public void Kind_source_and_scope_share_one_byte_and_read_back(ConsentKind kind, OptOutSource source, SuppressionScope scope)
    {
        var e = Event() with { Kind = kind, Source = source, Scope = scope, List = scope == SuppressionScope.List ? new ListId("news") : null };

        RedisEventRecord.Decode(e.Account, RedisEventRecord.Encode(e, salt: null)).Event.Should().Be(e);
    }

    [Fact]
    public void The_compact_form_with_the_check_takes_no_more_bytes_than_the_earlier_form_without_it()
    {
        var e = Event();

        // A kind the compact byte cannot hold is written in the earlier form: three bytes, the occurrence in full ticks.
        var earlier = RedisEventRecord.Encode(e with { Kind = (ConsentKind)3 }, Salt);
        var compact = RedisEventRecord.Encode(e, SaltColumn.Of(e, Salt));

        compact.Length.Should().Be(earlier.Length, "two bytes of kind and scope, one of the occurrence and the salt's length pay for the check's four");
        var (read, salt) = RedisEventRecord.Decode(e.Account, earlier);
        (read.Kind, read.OccurredAt, read.RecordedAt).Should().Be(((ConsentKind)3, e.OccurredAt, e.RecordedAt));
        salt.Should().Equal(Salt, "a salt stored alone reads alone");
        SaltColumn.Split(salt!).FieldCheck.Should().BeNull("a record written before the check has none");
    }

    private static ConsentEvent Event() => new()
    {
        EventId = "evt_0193a1b2c3d4e5f60718293a4b5c6d7e", Account = new AccountId("acme"), Number = PhoneNumber.Parse("+12125550123"),
        Kind = ConsentKind.OptOut, Source = OptOutSource.Keyword, Scope = SuppressionScope.Account,
        OccurredAt = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero), RecordedAt = new DateTimeOffset(2026, 12, 7, 9, 30, 1, TimeSpan.Zero),
        Evidence = new ConsentEvidence { MessageText = "STOP", ProviderName = "twilio", Note = "asked by phone" },
    };
}
