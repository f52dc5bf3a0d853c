using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// An event's field check names the one field changed since it was computed, for each of the 22 fields of the leaf's
/// form (set or absent before the change); says nothing changed when nothing did; and names no field when two changed,
/// but for about one change in 3,000.
/// </summary>
public sealed class ConsentFieldCheckTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A change of each field, by the field's name in a certificate's JSON.</summary>
    private static readonly (string Field, Func<ConsentEvent, ConsentEvent> Change)[] Changes =
    [
        ("event_id", e => e with { EventId = "evt_2" }),
        ("account", e => e with { Account = new AccountId("globex") }),
        ("number", e => e with { Number = PhoneNumber.FromValue(e.Number.Value + 1) }),
        ("kind", e => e with { Kind = ConsentKind.OptIn }),
        ("source", e => e with { Source = OptOutSource.Api }),
        ("scope", e => e with { Scope = SuppressionScope.Account }),
        ("list", e => e with { List = new ListId("offers") }),
        ("campaign", e => e with { Campaign = null }),
        ("occurred_at", e => e with { OccurredAt = e.OccurredAt.AddTicks(-1) }),
        ("recorded_at", e => e with { RecordedAt = e.RecordedAt.AddSeconds(1) }),
        ("paused_until", e => e with { PausedUntil = null }),
        ("reverts", e => e with { Reverts = "evt_0" }),
        ("message_text", e => e with { Evidence = e.Evidence with { MessageText = "STOP." } }),
        ("provider_message_id", e => e with { Evidence = e.Evidence with { ProviderMessageId = "SM2" } }),
        ("provider_name", e => e with { Evidence = e.Evidence with { ProviderName = "vonage" } }),
        ("provider_error_code", e => e with { Evidence = e.Evidence with { ProviderErrorCode = "21610" } }),
        ("link_token", e => e with { Evidence = e.Evidence with { LinkToken = null } }),
        ("user_agent", e => e with { Evidence = e.Evidence with { UserAgent = "curl/8.5" } }),
        ("ip_address", e => e with { Evidence = e.Evidence with { IpAddress = "198.51.100.9" } }),
        ("page_url", e => e with { Evidence = e.Evidence with { PageUrl = "https://acme.example/o/other" } }),
        ("disclosure_text", e => e with { Evidence = e.Evidence with { DisclosureText = "" } }),
        ("note", e => e with { Evidence = e.Evidence with { Note = "consented at the counter" } }),
    ];

    [Fact]
    public void Each_field_changed_alone_is_named_by_its_check()
    {
        Changes.Select(c => c.Field).Should().Equal(ConsentLeaf.FieldNames, "one change per field of the form, in its order");
        var random = new Random(36);
        for (var round = 0; round < 50; round++)
        {
            var e = Event(random);
            var salt = Salt(random);
            var check = ConsentLogLeaf.FieldCheck(e, salt);

            ConsentFieldCheck.Locate(check, e, salt).Should().Be(new FieldChange(true, null), "nothing changed");
            foreach (var (field, change) in Changes)
            {
                var changed = change(e);
                ConsentLeaf.Matches(changed, salt, ConsentLeaf.Hash(e, salt)).Should().BeFalse($"changing the {field} changes the leaf");
                ConsentFieldCheck.Locate(check, changed, salt).Should().Be(new FieldChange(false, field), $"only the {field} changed (salt {Convert.ToHexString(salt)})");
            }
        }
    }

    [Fact]
    public void Two_fields_changed_at_once_name_none_but_rarely()
    {
        var named = 0;
        var pairs = 0;
        var random = new Random(37);
        for (var round = 0; round < 20; round++)
        {
            var e = Event(random);
            var salt = Salt(random);
            var check = ConsentLogLeaf.FieldCheck(e, salt);
            for (var i = 0; i < Changes.Length; i++)
            {
                for (var j = i + 1; j < Changes.Length; j++)
                {
                    var located = ConsentFieldCheck.Locate(check, Changes[j].Change(Changes[i].Change(e)), salt);
                    located.Agrees.Should().BeFalse($"the {Changes[i].Field} and the {Changes[j].Field} changed");
                    named += located.Field is null ? 0 : 1;
                    pairs++;
                }
            }
        }

        pairs.Should().Be(20 * 231);
        named.Should().BeLessThan(15, "a quotient inside 1 … 22 by chance is about one change in 3,000 (expected ~1.6 of 4,620)");
    }

    [Fact]
    public void A_changed_salt_names_no_field_and_the_check_depends_on_the_salt()
    {
        var random = new Random(38);
        var e = Event(random);
        var salt = Salt(random);
        var check = ConsentLogLeaf.FieldCheck(e, salt);
        var misnamed = 0;
        for (var i = 0; i < 1000; i++)
        {
            var other = Salt(random);
            var located = ConsentFieldCheck.Locate(check, e, other);
            located.Agrees.Should().BeFalse("another salt gives other hashes of every field");
            misnamed += located.Field is null ? 0 : 1;
        }

        misnamed.Should().BeLessThan(8, "a field named for another salt is the same chance as for two fields");
        ConsentLogLeaf.FieldCheck(e, salt).Should().Be(check, "the check is a function of the event and the salt");
    }

    [Fact]
    public void A_salt_of_another_size_is_refused_by_name()
    {
        var act = () => ConsentLogLeaf.FieldCheck(Event(new Random(39)), new byte[15]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("salt");
        act.Should().Throw<ArgumentException>().WithMessage("*16 bytes; got 15*");
    }

    /// <summary>Seeded, so that the test is the same on every run: one change in 65,521 changes a field's hash by a multiple of the prime, and no check can name it.</summary>
    private static byte[] Salt(Random random)
    {
        var salt = new byte[ConsentLeaf.SaltSize];
        random.NextBytes(salt);
        return salt;
    }

    private static ConsentEvent Event(Random random) => new()
    {
        EventId = "evt_" + Convert.ToHexStringLower(Salt(random)), Account = new AccountId("acme"),
        Number = PhoneNumber.FromValue(14_155_550_100UL + (ulong)random.Next(1000)), Kind = ConsentKind.OptOut,
        Source = OptOutSource.OptOutLink, Scope = SuppressionScope.List, List = new ListId("newsletter"), Campaign = new CampaignId("spring"),
        OccurredAt = At, RecordedAt = At.AddMilliseconds(3), PausedUntil = At.AddDays(30), Reverts = null,
        Evidence = new ConsentEvidence
        {
            MessageText = "STOP ✋", ProviderMessageId = "SM1", ProviderName = "twilio", ProviderErrorCode = null, LinkToken = "tok",
            UserAgent = "Mozilla/5.0", IpAddress = "203.0.113.7", PageUrl = "https://acme.example/o/tok", DisclosureText = "Reply STOP to opt out.",
            Note = null,
        },
    };
}
