namespace SmsOptOut.Packaging.Tests;

/// <summary>The README's first command, as a new user runs it: the demo tells the story and exits 0.</summary>
[Trait("Category", "Slow")]
public sealed class ConsoleDemoTests
{
    [Fact]
    public async Task The_console_demo_runs_every_step_and_exits_0()
    {
        var database = Path.Combine(Path.GetTempPath(), $"smsoptout-demo-{Guid.NewGuid():N}.db");
        var demo = Path.Combine(Repository.Root, "samples", "SmsOptOut.Samples.Console", "bin", Repository.Configuration, "net10.0", "SmsOptOut.Samples.Console.dll");
        try
        {
            var (exit, output) = await Repository.RunAsync(Repository.Root, TimeSpan.FromMinutes(2), demo, "--db", database, "--contacts", "12");

            exit.Should().Be(0, output);
            var text = output.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal); // the console wraps at 80 columns
            text.Should().Contain("all 12 contacts received the campaign").And.Contain("sent 10, skipped as opted out 2")
                .And.Contain("\"source\":\"Optout Link\"").And.Contain("\"source\":\"TollFree number\"").And.Contain("the erased number is still skipped").And.Contain("the marketing single send waits for 08:00 local").And.Contain("All 13 expectations held").And.NotContain("✗");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    [Theory]
    [InlineData("--contacts 2", "--contacts must be a whole number from 3 to 500, not '2'.")]
    [InlineData("--bogus", "Unknown option '--bogus'.")]
    public async Task Bad_options_are_named_and_exit_2(string arguments, string expected)
    {
        var demo = Path.Combine(Repository.Root, "samples", "SmsOptOut.Samples.Console", "bin", Repository.Configuration, "net10.0", "SmsOptOut.Samples.Console.dll");

        var (exit, output) = await Repository.RunAsync(Repository.Root, TimeSpan.FromMinutes(1), [demo, .. arguments.Split(' ')]);

        exit.Should().Be(2);
        output.Should().Contain(expected);
    }
}
