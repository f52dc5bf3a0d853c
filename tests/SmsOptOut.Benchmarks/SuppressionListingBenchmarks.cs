using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The dashboard's list query (<see cref="ISuppressionListing"/>): one page of 50, newest first, on an account with
/// 1,000,000 suppressions (and another account's 200,000 beside them), with each kind of filter, on the first page and
/// deep in the list (the cursor of entry 500,000). The rows: since spread over a year, a quarter each of link, keyword,
/// API and import, one in a thousand reported by a provider, one in ten in a list. Seeded with SQL, so the indexes are
/// the migrations' own; PostgreSQL is analysed as autovacuum would, SQLite is not (the adapter names its indexes).
/// </summary>
[Config(typeof(InProcessConfig))]
public class SuppressionListingBenchmarks
{
    /// <summary>
    /// In process, so the 1,200,000 rows are seeded once per storage for every benchmark of the class (a process per
    /// benchmark would seed them 22 times); the stores are disposed when the process ends.
    /// </summary>
    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
    }

    private static readonly Dictionary<string, (ServiceProvider Services, string? File)> Seeded = [];

    private const int Rows = 1_000_000;
    private const int Page = 50;
    private static readonly DateTimeOffset First = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long Step = TimeSpan.FromDays(365).Ticks / Rows;
    private ServiceProvider? _services;
    private ISuppressionListing _listing = null!;
    private string? _file;
    private SuppressionListCursor _deep;
    private SuppressionListCursor _deepImport;

    [Params("Sqlite", "PostgreSql")]
    public string Storage { get; set; } = "Sqlite";

    private static SuppressionFilter Week => new() { SinceFrom = First.AddDays(200), SinceBefore = First.AddDays(207) };

    [GlobalSetup]
    public void Setup()
    {
        if (!Seeded.TryGetValue(Storage, out var seeded))
        {
            Seed();
            Seeded[Storage] = seeded = (_services!, _file);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                seeded.Services.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the PostgreSQL storage is IAsyncDisposable only
                if (seeded.File is not null)
                {
                    SqliteBench.Delete(seeded.File);
                }
            };
        }

        (_services, _file) = seeded;
        _listing = _services.GetRequiredService<ISuppressionListing>();
        _deep = Nth(SuppressionFilter.None, Rows / 2);
        _deepImport = Nth(new SuppressionFilter { Source = OptOutSource.Import }, Rows / 8);
        if (Count(SuppressionFilter.None) != Page || Count(new SuppressionFilter { Source = OptOutSource.ProviderError }) != Page)
        {
            throw new InvalidOperationException("The seed does not hold what the benchmark reads.");
        }
    }

    private void Seed()
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        // i: number 1 212 000 0000 + 7i, since First + i steps (a year), source (i % 1000 = 7: provider, else 1 + i % 4), list every tenth.
        if (Storage == "Sqlite")
        {
            _file = SqliteBench.NewFile();
            _services = SqliteBench.Services(_file, SqliteSynchronous.Normal);
            _services.GetRequiredService<IStorageSchema>().MigrateAsync().GetAwaiter().GetResult();
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandTimeout = 1_200;
            command.CommandText = $"""
                INSERT INTO accounts (id, name) VALUES (1, 'bench'), (2, 'other');
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows + 199_999})
                INSERT INTO suppressions (account_id, number, list_key, since, source, event_id)
                SELECT CASE WHEN i < {Rows} THEN 1 ELSE 2 END, 12120000000 + (i % {Rows}) * 7, CASE WHEN i % 10 = 3 THEN 'newsletter' ELSE '' END,
                       {First.UtcTicks} + (i % {Rows}) * {Step}, CASE WHEN i % 1000 = 7 THEN 5 ELSE 1 + i % 4 END, 'e' || i FROM n;
                """;
            command.ExecuteNonQuery();
        }
        else
        {
            var schema = ServerStoreBench.NewIsolationKey();
            _services = ServerStoreBench.PostgreSql(schema);
            _services.GetRequiredService<IStorageSchema>().MigrateAsync().GetAwaiter().GetResult();
            using var connection = new NpgsqlConnection(ServerStoreBench.PostgreSqlConnectionString);
            connection.Open();
            using (var command = new NpgsqlCommand($"""
                INSERT INTO "{schema}".suppressions (account, number, list_key, since, source, event_id)
                SELECT CASE WHEN i < {Rows} THEN 'bench' ELSE 'other' END, 12120000000 + (i % {Rows})::bigint * 7, CASE WHEN i % 10 = 3 THEN 'newsletter' ELSE '' END,
                       to_timestamp(({First.UtcTicks} + (i % {Rows})::bigint * {Step} - 621355968000000000) / 10000000.0), CASE WHEN i % 1000 = 7 THEN 5 ELSE 1 + i % 4 END, 'e' || i
                FROM generate_series(0, {Rows + 199_999}) AS i;
                """, connection) { CommandTimeout = 1_200 })
            {
                command.ExecuteNonQuery();
            }

            using (var vacuum = new NpgsqlCommand($"""VACUUM ANALYZE "{schema}".suppressions;""", connection) { CommandTimeout = 1_200 })
            {
                vacuum.ExecuteNonQuery();
            }
        }

        Console.WriteLine($"// seeded {Rows + 200_000:N0} suppressions ({Storage}) in {seeding.Elapsed.TotalSeconds:N0} s");
    }

    [Benchmark(Baseline = true, Description = "no filter")]
    public Task<int> NoFilter() => PageAsync(SuppressionFilter.None);

    [Benchmark(Description = "source (25%)")]
    public Task<int> Source() => PageAsync(new SuppressionFilter { Source = OptOutSource.Keyword });

    [Benchmark(Description = "source (0.1%)")]
    public Task<int> RareSource() => PageAsync(new SuppressionFilter { Source = OptOutSource.ProviderError });

    [Benchmark(Description = "one list (10%)")]
    public Task<int> List() => PageAsync(new SuppressionFilter { List = new ListId("newsletter") });

    [Benchmark(Description = "any list (10%)")]
    public Task<int> AnyList() => PageAsync(new SuppressionFilter { Scope = SuppressionScope.List });

    [Benchmark(Description = "whole account (90%)")]
    public Task<int> AccountWide() => PageAsync(new SuppressionFilter { Scope = SuppressionScope.Account });

    [Benchmark(Description = "a week of since")]
    public Task<int> OneWeek() => PageAsync(Week);

    [Benchmark(Description = "source and a week")]
    public Task<int> SourceAndWeek() => PageAsync(Week with { Source = OptOutSource.Import });

    [Benchmark(Description = "an exact number")]
    public async Task<int> Number() =>
        (await _listing.ListSuppressedAsync(SqliteBench.Account, new SuppressionFilter { Number = PhoneNumber.FromValue(12_120_000_000UL + (7UL * 123_457)) }, SuppressionListCursor.Start, Page)).Count;

    [Benchmark(Description = "no filter, page 10,000")]
    public async Task<int> DeepPage() => (await _listing.ListSuppressedAsync(SqliteBench.Account, SuppressionFilter.None, _deep, Page)).Count;

    [Benchmark(Description = "source, page 2,500")]
    public async Task<int> DeepSourcePage() => (await _listing.ListSuppressedAsync(SqliteBench.Account, new SuppressionFilter { Source = OptOutSource.Import }, _deepImport, Page)).Count;

    private async Task<int> PageAsync(SuppressionFilter filter) => (await _listing.ListSuppressedAsync(SqliteBench.Account, filter, SuppressionListCursor.Start, Page)).Count;

    private int Count(SuppressionFilter filter) => _listing.ListSuppressedAsync(SqliteBench.Account, filter, SuppressionListCursor.Start, Page).GetAwaiter().GetResult().Count;

    /// <summary>The cursor after the <paramref name="n"/>th entry the filter lists, read once by paging (10,000 at a time).</summary>
    private SuppressionListCursor Nth(SuppressionFilter filter, int n)
    {
        var cursor = SuppressionListCursor.Start;
        for (var read = 0; read < n;)
        {
            var page = _listing.ListSuppressedAsync(SqliteBench.Account, filter, cursor, Math.Min(10_000, n - read)).GetAwaiter().GetResult();
            cursor = page[^1].ListingCursor;
            read += page.Count;
        }

        return cursor;
    }
}
