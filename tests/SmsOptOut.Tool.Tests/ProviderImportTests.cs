using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// Real exports of each provider the project ships (and AWS) imported by the tool as a process, each through its
/// preset: the person who opted out is read from the right column, rows that are not opt-outs are skipped, the provider's
/// date is honoured; a file with two plausible number columns stops and names them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ProviderImportTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    private const string TwilioLog = """
        From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit
        +12015550101,+18005550100,STOP,received,2026-11-02 10:00:00,2010-04-01,1,0,AC1,SM1,inbound,-0.0079,USD
        +12015550102,+18005550100,stop,received,2026-11-02 11:00:00,2010-04-01,1,0,AC1,SM2,inbound,-0.0079,USD
        +12015550103,+18005550100,UNSUBSCRIBE,received,2026-11-03 09:30:00,2010-04-01,1,0,AC1,SM3,inbound,-0.0079,USD
        +18005550100,+12015550101,You have been unsubscribed,delivered,2026-11-02 10:00:01,2010-04-01,1,0,AC1,SM4,outbound-reply,-0.0079,USD
        +12015550104,+18005550100,What time do you open?,received,2026-11-03 12:00:00,2010-04-01,1,0,AC1,SM5,inbound,-0.0079,USD
        """;

    [Fact]
    public async Task A_twilio_message_log_without_a_preset_stops_naming_the_two_number_columns_and_the_preset()
    {
        var file = WriteFile(TwilioLog);

        var (exit, output, error) = await RunAsync("import", file, "--create-account");

        exit.Should().Be(2, output + error);
        error.Should().Contain("2 columns could hold the numbers that opted out: 'From', 'To'").And.Contain("--map number=<column>").And.Contain("--preset twilio-log")
            .And.NotContain("   at ");
        File.Exists(Database).Should().BeFalse("a refused import creates nothing");
    }

    [Fact]
    public async Task A_twilio_message_log_imports_the_senders_of_inbound_stop_replies_at_their_sent_date()
    {
        var (exit, output, error) = await RunAsync("import", WriteFile(TwilioLog), "--preset", "twilio-log", "--create-account");
        var person = await RunAsync("check", "+12015550102");
        var own = await RunAsync("check", "+18005550100");
        var question = await RunAsync("check", "+12015550104");
        var history = await RunAsync("history", "+12015550103");

        exit.Should().Be(0, error);
        output.Should().Contain("read 5, applied 3, already suppressed 0, refused 0, skipped 2 (not opt-outs)");
        error.Should().Contain("number:   From (preset twilio-log)").And.Contain("occurred: SentDate (preset twilio-log)").And.Contain("your own sending numbers: To")
            .And.Contain("line 5: skipped: not an inbound message").And.Contain("line 6: skipped: its text is not an opt-out keyword").And.NotContain("ApiVersion' holds dates");
        person.ExitCode.Should().Be(1, "the person who sent STOP is suppressed");
        own.ExitCode.Should().Be(0, "the company's own sending number is not an opt-out");
        question.ExitCode.Should().Be(0, "an inbound question is not an opt-out");
        history.Output.Should().Contain("2026-11-03 09:30:00 UTC  opt-out").And.Contain("note: imported: UNSUBSCRIBE");
    }

    [Fact]
    public async Task Mapping_the_number_to_a_twilio_logs_To_column_warns_that_it_holds_the_accounts_own_number()
    {
        var (exit, _, error) = await RunAsync("import", WriteFile(TwilioLog), "--map", "number=To", "--map", "occurred=SentDate", "--create-account", "--dry-run");

        exit.Should().Be(0, error);
        error.Should().Contain("number:   To (--map)").And.Contain("occurred: SentDate (--map)")
            .And.Contain("holds few distinct numbers repeated on most rows").And.Contain("the person who sent STOP is the sender ('From')");
        File.Exists(Database).Should().BeFalse("a dry run creates no database file");
    }

    [Fact]
    public async Task A_twilio_consent_export_imports_only_its_opt_out_records()
    {
        var file = WriteFile("""
            contact_id,correlation_id,sender_id,status,source,date_of_consent
            +12015550201,ad388b5a46b33b874b0d41f7226db2ef,MG00000000000000000000000000000000,opt-out,opt-out-message,2026-10-01T08:00:00Z
            +12015550202,ad388b5a46b33b874b0d41f7226db2f0,MG00000000000000000000000000000000,opt-in,website,2026-10-02T08:00:00Z
            """);

        var (exit, output, error) = await RunAsync("import", file, "--preset", "twilio-optouts", "--create-account");
        var optedIn = await RunAsync("check", "+12015550202");
        var history = await RunAsync("history", "+12015550201");

        exit.Should().Be(0, error);
        output.Should().Contain("applied 1").And.Contain("skipped 1");
        optedIn.ExitCode.Should().Be(0, "an opt-in record is not an opt-out");
        history.Output.Should().Contain("2026-10-01 08:00:00 UTC  opt-out").And.Contain("source: opt-out-message");
    }

    [Fact]
    public async Task An_smsto_export_imports_with_its_callback_fields()
    {
        var file = WriteFile("""
            {"unsubscribed_number":"+4917612345678","timestamp":"2026-11-27T06:14:08Z","source":"Optout Link"}
            {"unsubscribed_number":"+4917612345679","timestamp":"2026-11-27T07:00:00Z","source":"TollFree number"}
            """, ".jsonl");

        var (exit, output, error) = await RunAsync("import", file, "--preset", "smsto", "--create-account");
        var history = await RunAsync("history", "+4917612345678");

        exit.Should().Be(0, error);
        output.Should().Contain("read 2, applied 2");
        history.Output.Should().Contain("2026-11-27 06:14:08 UTC  opt-out").And.Contain("source: Optout Link");
    }

    [Fact]
    public async Task A_plivo_mdr_export_imports_the_recipients_of_messages_refused_with_error_200()
    {
        var file = WriteFile("""
            message_uuid,message_time,message_direction,message_state,message_type,from_number,to_number,units,total_rate,total_amount,error_code
            u1,2026-11-05 10:00:00+00:00,outbound,failed,sms,+18005550100,+12015550301,1,0.005,0.005,200
            u2,2026-11-05 10:01:00+00:00,outbound,delivered,sms,+18005550100,+12015550302,1,0.005,0.005,000
            u3,2026-11-05 10:02:00+00:00,inbound,received,sms,+12015550303,+18005550100,1,0,0,000
            """);

        var (exit, output, error) = await RunAsync("import", file, "--preset", "plivo", "--create-account");
        var refused = await RunAsync("check", "+12015550301");
        var delivered = await RunAsync("check", "+12015550302");

        exit.Should().Be(0, error);
        output.Should().Contain("applied 1").And.Contain("skipped 2");
        refused.ExitCode.Should().Be(1);
        delivered.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_vonage_receipt_export_imports_the_recipients_with_err_code_9_not_the_sender()
    {
        var file = WriteFile("""
            msisdn,to,network-code,messageId,price,status,scts,err-code,message-timestamp
            447700900001,AcmeShoes,23410,0A0000000123ABCD1,0.03330000,failed,2611051000,9,2026-11-05 10:00:00
            447700900002,AcmeShoes,23410,0A0000000123ABCD2,0.03330000,delivered,2611051000,0,2026-11-05 10:00:05
            """);

        var (exit, output, error) = await RunAsync("import", file, "--preset", "vonage", "--create-account");
        var history = await RunAsync("history", "+447700900001");

        exit.Should().Be(0, error);
        output.Should().Contain("applied 1").And.Contain("skipped 1");
        error.Should().Contain("your own sending numbers: to");
        history.Output.Should().Contain("2026-11-05 10:00:00 UTC  opt-out");
    }

    [Fact]
    public async Task An_aws_opted_out_numbers_export_imports_with_its_preset()
    {
        var file = WriteFile("""
            {"OptedOutNumber":"+12065550100","OptedOutTimestamp":1793527200,"EndUserOptedOut":true}
            {"OptedOutNumber":"+12065550101","OptedOutTimestamp":1793530800,"EndUserOptedOut":false}
            """, ".jsonl");

        var (exit, output, error) = await RunAsync("import", file, "--preset", "aws", "--create-account");
        var history = await RunAsync("history", "+12065550100");

        exit.Should().Be(0, error);
        output.Should().Contain("read 2, applied 2");
        history.Output.Should().Contain("2026-11-01 10:00:00 UTC  opt-out");
    }

    [Fact]
    public async Task A_date_column_is_honoured_by_its_name_or_by_map_and_warned_of_when_left_unused()
    {
        var named = WriteFile("Phone Number,Date Created\n+12125550100,2026-09-01 12:00:00\n");
        var unnamed = WriteFile("Phone Number,When\n+12125550101,2026-09-02 12:00:00\n");

        var first = await RunAsync("import", named, "--create-account");
        var warned = await RunAsync("import", unnamed, "--dry-run");
        var mapped = await RunAsync("import", unnamed, "--map", "occurred=When");
        var history = await RunAsync("history", "+12125550100");
        var mappedHistory = await RunAsync("history", "+12125550101");

        first.ExitCode.Should().Be(0, first.Error);
        first.Error.Should().Contain("occurred: Date Created (detected)");
        history.Output.Should().Contain("2026-09-01 12:00:00 UTC  opt-out");
        warned.Error.Should().Contain("warning: the column 'When' holds dates and is not used: every opt-out would be dated at the import time; --map occurred=\"When\" uses it");
        mapped.ExitCode.Should().Be(0, mapped.Error);
        mappedHistory.Output.Should().Contain("2026-09-02 12:00:00 UTC  opt-out");
    }

    [Fact]
    public async Task Refused_rows_are_written_with_their_line_reason_and_the_row_as_it_stands()
    {
        var file = WriteFile("number,note\n+12125550100,fine\n555-CALL-NOW,\"letters, not digits\"\n");
        var rejects = WriteFile(string.Empty);

        var (exit, _, error) = await RunAsync("import", file, "--rejects", rejects, "--create-account");

        exit.Should().Be(1, error);
        var lines = File.ReadAllLines(rejects);
        lines[0].Should().Be("line,reason,row");
        lines[1].Should().StartWith("3,\"Cannot read '555-CALL-NOW' as a phone number").And.EndWith(",\"555-CALL-NOW,\"\"letters, not digits\"\"\"");
    }

    [Fact]
    public async Task Imported_opt_outs_owe_no_webhook_unless_webhooks_on_is_chosen_and_the_preview_says_which()
    {
        var config = WriteConfig("""
            "Webhooks": { "CallbackUrl": "https://crm.example/hooks/optout", "Secrets": [ "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" ] }
            """);
        var off = await ToolProcess.RunAsync("--config", config, "--account", "acme", "import", WriteFile("number\n+12125550100\n"), "--create-account");
        var afterOff = await ToolProcess.RunAsync("--config", config, "--account", "acme", "webhooks", "pending", "--json");
        var on = await ToolProcess.RunAsync("--config", config, "--account", "acme", "import", WriteFile("number\n+12125550101\n"), "--webhooks", "on");
        var afterOn = await ToolProcess.RunAsync("--config", config, "--account", "acme", "webhooks", "pending", "--json");

        off.Error.Should().Contain("webhooks: off (the default)");
        Parse(afterOff.Output).GetProperty("pending").GetInt64().Should().Be(0);
        on.Error.Should().Contain("webhooks: on: each imported opt-out is announced to https://crm.example/hooks/optout");
        Parse(afterOn.Output).GetProperty("pending").GetInt64().Should().Be(1);
    }
}
