using System.Diagnostics;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>Mistakes and unreachable things are one line naming what is wrong, with exit code 2 (3 for a storage that does not answer), never a stack trace.</summary>
[Trait("Category", "Slow")]
public sealed class ErrorTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    [Theory]
    [InlineData("export", "-o", "/no/such/folder/out.csv", "--output /no/such/folder/out.csv: the folder /no/such/folder does not exist")]
    [InlineData("access", "+12125550100", "-o", "/no/such/folder/person.json", "--output /no/such/folder/person.json: the folder /no/such/folder does not exist")]
    [InlineData("import", "{file}", "--rejects", "/no/such/folder/rejects.csv", "--rejects /no/such/folder/rejects.csv: the folder /no/such/folder does not exist")]
    [InlineData("export", "--since", "yesterday", "--since 'yesterday' is not a time; expected ISO 8601 (2026-11-01, 2026-11-01T10:00:00Z, 2026-11-01 10:00:00 as UTC) or a time ago (7d, 12h)")]
    [InlineData("export", "--until", "31/12/2026", "--until '31/12/2026' is not a time; expected ISO 8601")]
    [InlineData("import", "/no/such/file.csv", "/no/such/file.csv: no such file")]
    [InlineData("import", "{file}", "--map", "phone", "--map 'phone' is not a mapping; expected field=Column")]
    [InlineData("import", "{file}", "--map", "number=Mobile", "has no column 'Mobile'; its columns are 'number'")]
    [InlineData("check", "2125550100", "Cannot read '2125550100' as a phone number")]
    public async Task A_file_or_argument_error_exits_2_with_one_line_and_no_stack_trace(params string[] arguments)
    {
        await ImportAsync("number\n+12125550100\n");
        var file = WriteFile("number\n+12125550101\n");
        var message = arguments[^1];

        var (exit, output, error) = await RunAsync([.. arguments[..^1].Select(a => a == "{file}" ? file : a)]);

        exit.Should().Be(2, output + error);
        error.Should().Contain(message).And.NotContain("   at ").And.NotContain("Exception");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("smsoptout:", StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_sqlite_file_in_a_missing_folder_is_named_with_its_path()
    {
        var (exit, _, error) = await ToolProcess.RunAsync("check", "+12125550100", "--storage", "sqlite:/no/such/folder/optout.db", "--account", "acme");

        exit.Should().Be(2);
        error.Should().Contain("--storage names the SQLite file /no/such/folder/optout.db, whose folder /no/such/folder does not exist").And.NotContain("   at ").And.NotContain("Error 14");
    }

    [Fact]
    public async Task A_redis_server_that_does_not_answer_fails_within_seconds_naming_the_storage_option()
    {
        var clock = Stopwatch.StartNew();

        var (exit, _, error) = await ToolProcess.RunAsync("check", "+12125550100", "--storage", "redis:127.0.0.1:1", "--account", "acme");

        exit.Should().Be(3);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "the tool waits a few seconds, not StackExchange.Redis's retries");
        error.Should().Contain("could not be reached within 3 s").And.Contain("--storage redis:<host:port>").And.Contain("SmsOptOut:Redis:Configuration")
            .And.NotContain("your code").And.NotContain("   at ");
    }

    [Fact]
    public async Task Replaying_unknown_dead_letters_names_them_with_exit_1()
    {
        await ImportAsync("number\n+12125550100\n");

        var (exit, output, error) = await RunAsync("webhooks", "replay", "msg_nope", "msg_other");

        exit.Should().Be(1);
        output.Should().Contain("0 dead-lettered webhook(s) of account acme are due again");
        error.Should().Contain("not found among the dead letters of account acme: msg_nope, msg_other");
    }

    [Fact]
    public async Task Help_names_the_tool_smsoptout_shows_examples_and_a_typo_gets_a_suggestion()
    {
        var help = await ToolProcess.RunAsync("--help");
        var importHelp = await ToolProcess.RunAsync("import", "--help");
        var typo = await ToolProcess.RunAsync("chek", "+12125550100");
        var other = await ToolProcess.RunAsync("stast");

        help.ExitCode.Should().Be(0);
        help.Output.Should().Contain("Usage:\n  smsoptout [command] [options]").And.Contain("Examples:").And.NotContain("SmsOptOut.Tool");
        importHelp.Output.Should().Contain("smsoptout import optouts.csv").And.Contain("--map").And.Contain("--webhooks").And.Contain("twilio-log");
        typo.ExitCode.Should().Be(2);
        typo.Error.Should().Contain("'chek' is not a command; did you mean 'check'?");
        other.Error.Should().Contain("did you mean 'stats'?");
    }
}
