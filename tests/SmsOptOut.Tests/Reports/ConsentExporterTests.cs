using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Tests.Reports;

/// <summary>CSV and JSON Lines exports of the consent log.</summary>
public sealed class ConsentExporterTests
{
    [Fact]
    public async Task Csv_has_a_header_one_quoted_row_per_event_and_respects_the_range()
    {
        await using var host = new ReportHost(new AccountReportSettings());
        var start = host.Time.GetUtcNow();
        await host.OptOutAsync(1, text: "Stop, please");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.OptOutAsync(2, OptOutSource.OptOutLink, null);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.OptOutAsync(3);
        var exporter = host.Services.GetRequiredService<IConsentExporter>();

        using var all = new MemoryStream();
        var count = await exporter.WriteCsvAsync(ReportHost.Acme, start.AddTicks(-1), host.Time.GetUtcNow(), all);
        using var middle = new MemoryStream();
        var middleCount = await exporter.WriteCsvAsync(ReportHost.Acme, start, start.AddMinutes(1), middle);

        count.Should().Be(3);
        var lines = Encoding.UTF8.GetString(all.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("recorded_at,occurred_at,number,kind,source");
        lines.Should().HaveCount(4);
        lines[1].Should().Contain("+4917600000001,opt-out,reply").And.Contain("\"Stop, please\"");
        lines[2].Should().Contain("+4917600000002,opt-out,link");
        middleCount.Should().Be(1, "after the start (exclusive) and up to one minute later (inclusive)");
        Encoding.UTF8.GetString(middle.ToArray()).Should().Contain("+4917600000002").And.NotContain("+4917600000001");
    }

    [Fact]
    public async Task Json_lines_are_one_parseable_object_per_event_with_evidence()
    {
        await using var host = new ReportHost(new AccountReportSettings());
        var start = host.Time.GetUtcNow().AddTicks(-1);
        await host.OptOutAsync(1, text: "ARRÊT");
        await host.OptInAsync(1);
        var exporter = host.Services.GetRequiredService<IConsentExporter>();

        using var output = new MemoryStream();
        var count = await exporter.WriteJsonLinesAsync(ReportHost.Acme, start, host.Time.GetUtcNow(), output);

        count.Should().Be(2);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        using var first = JsonDocument.Parse(lines[0]);
        first.RootElement.GetProperty("number").GetString().Should().Be("+4917600000001");
        first.RootElement.GetProperty("kind").GetString().Should().Be("opt-out");
        first.RootElement.GetProperty("evidence").GetProperty("message_text").GetString().Should().Be("ARRÊT");
        using var second = JsonDocument.Parse(lines[1]);
        second.RootElement.GetProperty("kind").GetString().Should().Be("opt-in");
    }
}
