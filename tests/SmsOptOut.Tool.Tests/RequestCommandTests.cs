using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// <c>smsoptout requests</c> as a process on real SQLite: open requests listed soonest deadline first with the overdue
/// ones marked and exit code 1 while any is overdue (for cron); an erasure with the request's reference closes it;
/// <c>close</c> and <c>extend</c>; every refusal in one line with exit code 2, naming what was expected.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RequestCommandTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    [Fact]
    public async Task Requests_lists_the_open_ones_and_exits_1_while_one_is_overdue_until_it_is_answered()
    {
        await ImportAsync("number\n+12125550100\n");
        var config = WriteConfig($$"""
            "DataProtection": { "PseudonymKeys": [ { "Id": 1, "Secret": "{{Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray())}}" } ] }
            """);
        Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) => ToolProcess.RunAsync(["--config", config, "--account", "acme", .. arguments]);
        Task<(int ExitCode, string Output, string Error)> RunForAll(params string[] arguments) => ToolProcess.RunAsync(["--config", config, .. arguments]);

        var none = await RunForAll("requests");
        var late = await Run("requests", "add", "--reference", "ticket-1", "--kind", "erasure", "--law", "gdpr", "--received", "40d", "--number", "+12125550100");
        var ccpa = await RunForAll("requests", "add", "--reference", "ccpa-2", "--kind", "access", "--law", "ccpa");
        var listed = await Run("requests");
        var erased = await Run("erase", "+12125550100", "--request-id", "ticket-1");
        var afterErasure = await Run("requests", "--json");
        var closed = await RunForAll("requests", "close", "--reference", "ccpa-2", "--resolution", "access report sent by e-mail");
        var empty = await RunForAll("requests");

        none.ExitCode.Should().Be(0, none.Error);
        none.Output.Should().Contain("no open request.");
        late.ExitCode.Should().Be(0, late.Error);
        late.Output.Should().Contain("recorded request ticket-1:").And.Contain("account acme").And.Contain("OVERDUE by ", "one month from 40 days ago has passed");
        ccpa.ExitCode.Should().Be(0, ccpa.Error);
        ccpa.Output.Should().Contain("every account").And.Contain("45 day(s) left");
        listed.ExitCode.Should().Be(1, "a request is overdue: " + listed.Output + listed.Error);
        listed.Output.Should().Contain("2 open request(s) for account acme, 1 overdue, soonest deadline first:");
        listed.Output.IndexOf("ticket-1", StringComparison.Ordinal).Should().BeLessThan(listed.Output.IndexOf("ccpa-2", StringComparison.Ordinal));
        listed.Output.Should().NotContain("12125550100", "a request holds no number");
        erased.ExitCode.Should().Be(0, erased.Error);
        afterErasure.ExitCode.Should().Be(0, "the overdue request was answered by the erasure: " + afterErasure.Output + afterErasure.Error);
        Schemas.ShouldMatch(afterErasure.Output, "requests");
        var open = Parse(afterErasure.Output);
        open.GetProperty("overdue").GetInt32().Should().Be(0);
        open.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("reference").GetString()).Should().Equal("ccpa-2");
        closed.ExitCode.Should().Be(0, closed.Error);
        closed.Output.Should().Contain("closed request ccpa-2:").And.Contain("access report sent by e-mail");
        empty.ExitCode.Should().Be(0);
        empty.Output.Should().Contain("no open request.");
    }

    [Fact]
    public async Task Extend_moves_a_deadline_once_and_every_mistake_is_refused_in_one_line_with_exit_code_2()
    {
        await ImportAsync("number\n+12125550100\n");
        await RunBareAsync("requests", "add", "--reference", "q-1", "--kind", "access", "--law", "quebec");
        await RunBareAsync("requests", "add", "--reference", "g-1", "--kind", "objection", "--law", "uk-gdpr", "--received", "2d");

        var extended = await RunBareAsync("requests", "extend", "--reference", "g-1", "--reason", "identity being verified; told on day 2", "--json");
        var refusals = new[]
        {
            (await RunBareAsync("requests", "extend", "--reference", "q-1", "--reason", "busy"), "Request 'q-1' cannot be extended: Québec's private-sector act (P-39.1 s. 32) allows no extension: SmsOptOut takes the strict reading"),
            (await RunBareAsync("requests", "extend", "--reference", "g-1", "--reason", "again"), "it was extended already"),
            (await RunBareAsync("requests", "add", "--reference", "q-1", "--kind", "erasure", "--law", "gdpr"), "A request with reference 'q-1' is recorded already (access under Quebec"),
            (await RunBareAsync("requests", "add", "--reference", "x-1", "--kind", "deletion", "--law", "gdpr"), "--kind 'deletion' is not a kind of request; expected access, erasure or objection."),
            (await RunBareAsync("requests", "add", "--reference", "x-1", "--kind", "access", "--law", "lgpd"), "--law 'lgpd' is not a law SmsOptOut knows the deadline of; expected gdpr, uk-gdpr, ccpa, pipeda or quebec."),
            (await RunBareAsync("requests", "add", "--reference", "x-1", "--kind", "access", "--law", "gdpr", "--received", "2099-01-01"), "--received '2099-01-01' is in the future"),
            (await RunBareAsync("requests", "add", "--reference", "x-1", "--kind", "objection", "--law", "ccpa"), "no deadline for one under the CCPA is sourced"),
            (await RunBareAsync("requests", "add", "--reference", "call 212-555-0100", "--kind", "access", "--law", "gdpr", "--number", "+12125550100"), "The request's Reference contains the person's number"),
            (await RunBareAsync("requests", "add", "--reference", "x-1", "--kind", "access", "--law", "gdpr", "--account", "acmee"), "--account 'acmee' is not an account"),
            (await RunBareAsync("requests", "close", "--reference", "nope", "--resolution", "answered"), "No request with reference 'nope' is recorded"),
        };

        extended.ExitCode.Should().Be(0, extended.Error);
        Schemas.ShouldMatch(extended.Output, "request");
        var request = Parse(extended.Output).GetProperty("request");
        request.GetProperty("kind").GetString().Should().Be("objection");
        request.GetProperty("law").GetString().Should().Be("uk-gdpr");
        request.GetProperty("deadline").GetString().Should().Be(request.GetProperty("extended_due_at").GetString());
        DateTimeOffset.Parse(request.GetProperty("extended_due_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(-2).AddMonths(3), TimeSpan.FromMinutes(1));
        foreach (var ((exit, output, error), expected) in refusals)
        {
            exit.Should().Be(2, $"{expected}: {output}{error}");
            error.Should().Contain(expected).And.NotContain("   at ");
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        }

        var list = await RunBareAsync("requests");
        list.Output.Should().Contain("2 open request(s), 0 overdue").And.Contain("(extended)");
    }
}
