using SmsOptOut.Consent;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Tool.Import;

namespace SmsOptOut.Tool.Tests;

/// <summary>How the import reads one row and finds its columns (in process: the quick loop covers them).</summary>
public sealed class ImportRowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly OptOutRowReader _reader = new(new AccountId("acme"), "US", Now);

    [Theory]
    [InlineData("2026-11-01T10:00:00Z")]
    [InlineData("2026-11-01T11:00:00+01:00")]
    [InlineData("2026-11-01 10:00:00")]
    [InlineData("1793527200")]
    [InlineData("1793527200000")]
    public void Timestamps_in_the_usual_export_formats_read_as_the_same_instant(string timestamp)
    {
        _reader.TryRead(new ImportRow(2, "(212) 555-0100", timestamp, null, null, null), out var request, out var problem).Should().BeTrue(problem);

        request.OccurredAt.Should().Be(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero));
        request.Number.ToString().Should().Be("+12125550100", "a national number reads in the default region");
        request.Source.Should().Be(OptOutSource.Import);
    }

    [Theory]
    [InlineData(null, null, null, "no phone number")]
    [InlineData("call me", null, null, "Cannot read 'call me' as a phone number")]
    [InlineData("+12125550100", "31/31/2026", null, "the timestamp '31/31/2026' is not a date")]
    [InlineData("+12125550100", "2026-12-04T12:00:00Z", null, "the timestamp '2026-12-04T12:00:00Z' is in the future")]
    [InlineData("+12125550100", null, "news\tletter", "the list 'news\tletter' is not a list id")]
    public void A_bad_row_is_refused_with_the_reason(string? number, string? timestamp, string? list, string reason)
    {
        _reader.TryRead(new ImportRow(7, number, timestamp, null, list, null), out _, out var problem).Should().BeFalse();

        problem.Should().StartWith(reason);
    }

    [Fact]
    public void The_same_opt_out_gets_the_same_idempotency_key_and_a_different_one_another()
    {
        string Key(string? list, string? timestamp)
        {
            _reader.TryRead(new ImportRow(2, "+12125550100", timestamp, "sms", list, "STOP"), out var request, out _).Should().BeTrue();
            return request.IdempotencyKey!;
        }

        Key(null, "2026-11-01").Should().Be(Key(null, "2026-11-01T00:00:00Z")).And.NotContain("2125550100", "the key becomes the event id, which must not carry the number");
        Key("news", "2026-11-01").Should().NotBe(Key(null, "2026-11-01"));
        Key(null, "2026-11-02").Should().NotBe(Key(null, "2026-11-01"));
    }

    [Fact]
    public void Columns_are_found_by_their_usual_names_and_a_preset_fixes_a_providers()
    {
        var detected = ColumnMap.Resolve(["Opted-Out At", "MSISDN", "Channel", "Comments"], null, new Dictionary<string, string>(), [], "export.csv");
        var aws = ColumnMap.Resolve(["OptedOutNumber", "OptedOutTimestamp", "EndUserOptedOut"], ImportPreset.Find("AWS"), new Dictionary<string, string>(), [], "aws.jsonl");

        detected.Columns.ToDictionary(c => c.Key, c => c.Value.Column).Should().Equal(
            new Dictionary<string, string> { ["number"] = "MSISDN", ["occurred"] = "Opted-Out At", ["source"] = "Channel", ["note"] = "Comments" });
        aws["number"].Should().Be("OptedOutNumber");
        aws["occurred"].Should().Be("OptedOutTimestamp");
    }

    [Fact]
    public void A_file_without_a_number_column_or_an_unknown_preset_is_refused_naming_what_it_has()
    {
        var noNumber = () => ColumnMap.Resolve(["email", "date"], null, new Dictionary<string, string>(), [], "contacts.csv");
        var unknown = () => ImportPreset.Find("mailchimp");

        noNumber.Should().Throw<ToolException>().WithMessage("contacts.csv has no phone number column: its columns are 'email', 'date'; expected one named number*");
        unknown.Should().Throw<ToolException>().WithMessage("--preset 'mailchimp' is not a preset; expected one of: twilio-log, twilio-optouts, smsto, telnyx, plivo, vonage, aws.");
    }
}
