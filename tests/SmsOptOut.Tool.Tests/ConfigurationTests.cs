using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// The tool reads the application's configuration as the library does: the default region, pseudonym keys from the
/// environment (the secret alone), and its messages name configuration keys and environment variables, not C# paths;
/// <c>doctor</c> checks the keys against every account's erasures.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ConfigurationTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    private static readonly string Secret = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray());

    [Fact]
    public async Task The_configurations_default_region_reads_national_numbers_in_check_history_and_erase()
    {
        await ImportAsync("number\n+12125550100\n");
        var config = WriteConfig("\"DefaultRegion\": \"US\"");

        var check = await ToolProcess.RunAsync("--config", config, "--account", "acme", "check", "(212) 555-0100");
        var history = await ToolProcess.RunAsync("--config", config, "--account", "acme", "history", "212-555-0100");
        var region = await ToolProcess.RunAsync("--config", config, "--account", "acme", "check", "020 7946 0018", "--region", "GB");

        check.ExitCode.Should().Be(1, check.Error);
        check.Output.Should().Contain("+12125550100 is SUPPRESSED");
        history.Output.Should().Contain("+12125550100 in account acme: 1 consent event(s)");
        region.Output.Should().Contain("+442079460018", "--region wins over the configuration");
    }

    [Fact]
    public async Task A_pseudonym_key_given_by_its_secret_environment_variable_alone_lets_erase_and_check_work()
    {
        await ImportAsync("number\n+12125550100\n");
        var environment = new Dictionary<string, string> { ["SmsOptOut__DataProtection__PseudonymKeys__0__Secret"] = Secret };

        var erase = await ToolProcess.RunAsync(environment, [.. Fixture.Arguments(Isolation), "--account", "acme", "erase", "+12125550100"]);
        var check = await ToolProcess.RunAsync(environment, [.. Fixture.Arguments(Isolation), "--account", "acme", "check", "+12125550100"]);
        var doctor = await ToolProcess.RunAsync(environment, [.. Fixture.Arguments(Isolation), "doctor"]);

        erase.ExitCode.Should().Be(0, erase.Error);
        check.ExitCode.Should().Be(1, check.Error + " — the erased number stays suppressed under the key's pseudonym");
        doctor.Output.Should().Contain("[ok  ] pseudonym keys: pseudonym key(s) 1 configured; they match the key fingerprints of every account with erasures (1).");
    }

    [Fact]
    public async Task Without_the_key_after_an_erasure_check_fails_naming_the_setting_and_doctor_finds_it()
    {
        await ImportAsync("number\n+12125550100\n+12125550101\n");
        var environment = new Dictionary<string, string> { ["SmsOptOut__DataProtection__PseudonymKeys__0__Secret"] = Secret };
        (await ToolProcess.RunAsync(environment, [.. Fixture.Arguments(Isolation), "--account", "acme", "erase", "+12125550100"])).ExitCode.Should().Be(0);

        var check = await RunAsync("check", "+12125550199");
        var doctor = await RunBareAsync("doctor");
        var erase = await RunAsync("erase", "+12125550101");

        check.ExitCode.Should().Be(2);
        check.Error.Should().Contain("SmsOptOut:DataProtection:PseudonymKeys").And.NotContain("SmsOptOutOptions.").And.NotContain("   at ");
        doctor.ExitCode.Should().Be(1, "the erasures cannot be checked without their key");
        doctor.Output.Should().Contain("[FAIL] pseudonym keys: no pseudonym key is configured, and the erasures stored do not match: account acme:").And.Contain("problems found");
        erase.Error.Should().Contain("SmsOptOut:DataProtection:PseudonymKeys").And.Contain("SmsOptOut__DataProtection__PseudonymKeys__0__Secret").And.NotContain("SmsOptOutOptions.");
    }

    [Fact]
    public async Task Doctor_checks_the_region_and_the_providers_credentials()
    {
        await ImportAsync("number\n+12125550100\n");
        var config = WriteFile($$"""
            { "SmsOptOut": { "DefaultRegion": "US", "Sqlite": { "ConnectionString": "Data Source={{Database}}" } },
              "Telnyx": { "ApiKey": "", "From": "+18005550100" }, "Vonage": { "ApiKey": "k" } }
            """, ".json");

        var doctor = await ToolProcess.RunAsync("--config", config, "doctor");

        doctor.ExitCode.Should().Be(1, doctor.Output);
        doctor.Output.Should().Contain("[ok  ] region: national numbers are read as US numbers (SmsOptOut:DefaultRegion).")
            .And.Contain("[FAIL] provider Telnyx: the Telnyx section is not valid:").And.Contain("[warn] provider Vonage: the Vonage section is not checked here");
    }
}
