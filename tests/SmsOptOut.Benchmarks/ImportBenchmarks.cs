using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Import;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>smsoptout import</c> of a provider export (1% bad rows) into a fresh store, against the baseline of applying the
/// same opt-outs, already parsed, in batches of 1,000 with <c>OptOutManyAsync</c> (the store's batch-apply rate): the
/// ratio is what reading, parsing and checking the file cost on top. Each iteration starts on an empty store.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2, invocationCount: 1)]
public class ImportBenchmarks
{
    private string _file = string.Empty;
    private List<ConsentRequest[]> _batches = [];
    private ServiceProvider? _services;
    private string _isolation = string.Empty;

    [Params("SQLite", "PostgreSQL")]
    public string Store { get; set; } = "SQLite";

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = OptOutFile.Write(Path.GetTempPath(), Rows);
        var reader = new OptOutRowReader(SqliteBench.Account, null, DateTimeOffset.UtcNow);
        using var file = ImportFile.Open(_file, null);
        var columns = Columns(file);
        _batches = [.. file.Rows().Select(r => reader.TryRead(columns.Map(r), out var request, out _) ? request : null).OfType<ConsentRequest>().Chunk(Importer.BatchSize)];
    }

    [IterationSetup]
    public void OpenEmptyStore()
    {
        _isolation = ServerStoreBench.NewIsolationKey();
        _services = Store == "SQLite" ? SqliteBench.Services(Path.Combine(Path.GetTempPath(), _isolation + ".db")) : ServerStoreBench.PostgreSql(_isolation);
    }

    [IterationCleanup]
    public void Close()
    {
        _services!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Store == "SQLite")
        {
            SqliteBench.Delete(Path.Combine(Path.GetTempPath(), _isolation + ".db"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true, Description = "apply parsed opt-outs in batches of 1,000")]
    public async Task<int> BatchApply()
    {
        var optOut = _services!.GetRequiredService<IOptOutService>();
        var applied = 0;
        foreach (var batch in _batches)
        {
            applied += (await optOut.OptOutManyAsync(batch)).Count(r => r.Changed);
        }

        return Check(applied);
    }

    [Benchmark(Description = "import the CSV file")]
    public async Task<int> Import()
    {
        using var file = ImportFile.Open(_file, null);
        var importer = new Importer(_services!.GetRequiredService<IOptOutService>(), _services!.GetRequiredService<ISuppressionStore>(),
            new OptOutRowReader(SqliteBench.Account, null, DateTimeOffset.UtcNow), SqliteBench.Account, Columns(file));
        var summary = await importer.RunAsync(file, dryRun: false, CancellationToken.None);
        return Check((int)summary.Applied);
    }

    /// <summary>The columns of the file, as the tool maps them (detected from the header).</summary>
    private static ColumnMap Columns(ImportFile file) => ColumnMap.Resolve(file.Columns, null, new Dictionary<string, string>(), [], "bench.csv");

    private int Check(int applied) =>
        applied == Rows - (Rows / 100) ? applied : throw new InvalidOperationException($"{applied} of {Rows - (Rows / 100)} opt-outs applied.");
}
