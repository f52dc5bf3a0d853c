using System.Text.Json;
using SmsOptOut.Providers;

namespace SmsOptOut.Tests.Providers;

public sealed class ProviderJsonTests
{
    private const string Event = """{"data":{"event_type":"message.received","payload":{"to":[{"phone_number":"+18005550100"}],"cost":0.0051,"ok":true,"none":null}}}""";

    [Theory]
    [InlineData("+18005550100", "data", "payload", "to", "0", "phone_number")]
    [InlineData("0.0051", "data", "payload", "cost")]
    [InlineData("true", "data", "payload", "ok")]
    [InlineData(null, "data", "payload", "none")]
    [InlineData(null, "data", "payload", "to", "1", "phone_number")]
    [InlineData(null, "data", "payload", "to", "phone_number")]
    [InlineData(null, "data", "event_type", "deeper")]
    public void Find_reads_text_numbers_and_booleans_by_path_and_nothing_else(string? expected, params string[] path)
    {
        using var document = JsonDocument.Parse(Event);

        ProviderJson.Find(document.RootElement, path).Should().Be(expected);
    }

    [Fact]
    public void Require_names_the_missing_path_as_JavaScript_writes_it()
    {
        using var document = JsonDocument.Parse("""{"data":{"payload":{"to":[]}}}""");

        var act = () => ProviderJson.Require(document.RootElement, "data", "payload", "to", "0", "phone_number");

        act.Should().Throw<ArgumentException>().WithMessage("\"data.payload.to[0].phone_number\" is missing*");
    }
}
