using BenchmarkDotNet.Attributes;
using SmsOptOut.Messages;

namespace SmsOptOut.Benchmarks;

/// <summary>Rendering 1,000,000 messages with <c>{optout}</c>, against <see cref="string.Replace(string, string)"/> on the same text and links.</summary>
[Config(typeof(BenchmarkConfig))]
public class RenderBenchmarks
{
    private const int Count = 1_000_000;
    private const string Text = "Spring sale: 20% off everything until Sunday at Acme Outdoor. Opt out: {optout}";
    private readonly MessageTemplate _template = MessageTemplate.Parse(Text);
    private string[] _links = [];

    [GlobalSetup]
    public void Setup() => _links = Enumerable.Range(0, 1024).Select(i => "https://opt.example/u/" + SmsOptOut.Links.Internal.Base62.Random(10)).ToArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "string.Replace")]
    public int Replace()
    {
        var length = 0;
        for (var i = 0; i < Count; i++)
        {
            length += Text.Replace("{optout}", _links[i & 1023], StringComparison.Ordinal).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "MessageTemplate.Render")]
    public int Render()
    {
        var length = 0;
        for (var i = 0; i < Count; i++)
        {
            length += _template.Render(_links[i & 1023]).Length;
        }

        return length;
    }
}
