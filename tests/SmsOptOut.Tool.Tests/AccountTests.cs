using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>Every command that names an account refuses one the storage does not hold and the configuration does not name, listing the known ones; <c>accounts</c> lists them.</summary>
[Trait("Category", "Slow")]
public sealed class AccountTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    [Fact]
    public async Task A_mistyped_or_unknown_account_is_refused_with_exit_2_and_the_known_accounts_listed()
    {
        await ImportAsync("number\n+12012953582\n");

        var wrongCase = await RunBareAsync("check", "+12012953582", "--account", "Acme");
        var nobody = await RunBareAsync("check", "+12012953582", "--account", "nobody");
        var right = await RunBareAsync("check", "+12012953582", "--account", "acme");

        wrongCase.ExitCode.Should().Be(2, "'Acme' holds nothing: the all-clear would be a lie");
        wrongCase.Error.Should().Contain("--account 'Acme' is not an account").And.Contain("known accounts: acme").And.Contain("did you mean 'acme'?").And.NotContain("   at ");
        wrongCase.Output.Should().NotContain("may be messaged");
        nobody.ExitCode.Should().Be(2);
        nobody.Error.Should().Contain("'nobody'").And.Contain("known accounts: acme");
        right.ExitCode.Should().Be(1, "the number is suppressed in acme");
    }

    [Theory]
    [InlineData("history", "+12125550100")]
    [InlineData("stats")]
    [InlineData("export")]
    [InlineData("access", "+12125550100")]
    [InlineData("webhooks", "dead-letters")]
    [InlineData("webhooks", "replay")]
    [InlineData("webhooks", "pending")]
    [InlineData("erase", "+12125550100")]
    [InlineData("import", "/no/such.csv")]
    public async Task Every_command_that_names_an_account_refuses_an_unknown_one(params string[] command)
    {
        await ImportAsync("number\n+12125550100\n");

        var (exit, output, error) = await RunBareAsync([.. command, "--account", "acne"]);

        exit.Should().Be(2, output + error);
        error.Should().Contain("--account 'acne' is not an account").And.Contain("known accounts: acme");
    }

    [Fact]
    public async Task An_import_into_a_new_account_needs_create_account_and_a_configured_account_needs_no_data()
    {
        var file = WriteFile("number\n+12125550100\n");
        var config = WriteConfig("""
            "Reports": { "Accounts": { "globex": { "Channels": "None" } } }
            """);

        var refused = await RunAsync("import", file);
        var created = await RunAsync("import", file, "--create-account");
        var configured = await ToolProcess.RunAsync("--config", config, "--account", "globex", "check", "+12125550100");

        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("it holds no account yet").And.Contain("add --create-account");
        created.ExitCode.Should().Be(0, created.Error);
        created.Error.Should().Contain("(a new account, created by this import)");
        configured.ExitCode.Should().Be(0, configured.Error + " — an account named in the configuration is known before it holds data");
    }

    [Fact]
    public async Task Accounts_lists_the_stored_and_configured_accounts_with_their_suppressions()
    {
        await ImportAsync("number\n+12125550100\n+12125550101\n");
        await ImportAsync("number\n+12125550102\n", account: "globex");
        var config = WriteConfig("""
            "Reconciliation": { "Accounts": [ "initech", "acme" ] }
            """);

        var text = await ToolProcess.RunAsync("--config", config, "accounts");
        var json = await ToolProcess.RunAsync("--config", config, "accounts", "--json");

        text.ExitCode.Should().Be(0, text.Error);
        text.Output.Should().Contain("3 account(s)").And.MatchRegex(@"acme\s+2 suppressed  \(both\)").And.MatchRegex(@"globex\s+1 suppressed  \(store\)")
            .And.MatchRegex(@"initech\s+0 suppressed  \(configuration\)");
        Schemas.ShouldMatch(json.Output, "accounts");
        Parse(json.Output).GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()).Should().Equal("acme", "globex", "initech");
    }
}
