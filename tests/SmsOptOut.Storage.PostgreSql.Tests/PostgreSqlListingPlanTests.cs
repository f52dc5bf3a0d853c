using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.PostgreSql.Internal;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>
/// The listing's statements on an analysed table of 200,000 suppressions: each page is a backward range of one index
/// from its cursor, stopped by its limit — no sequential scan, and no sort of the matching rows (except the few rows of
/// one number).
/// </summary>
public sealed class PostgreSqlListingPlanTests(PostgreSqlStorageFixture fixture) : IClassFixture<PostgreSqlStorageFixture>
{
    private static readonly AccountId Acme = new("acme");
    private static readonly DateTimeOffset First = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Shapes() => new()
    {
        { "none", "ix_suppressions_since" },
        { "source", "ix_suppressions_source" },
        { "list", "ix_suppressions_list" },
        { "account scope", "ix_suppressions_(list|since)" }, // nine in ten are account-wide: either index reads a page from the cursor
        { "range", "ix_suppressions_since" },
        { "source and range", "ix_suppressions_source" },
        { "number", "suppressions_pkey" },
    };

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public async Task Each_page_is_one_backward_range_of_an_index_from_its_cursor(string shape, string index)
    {
        fixture.ThrowIfUnavailable();
        var schema = await SeededSchemaAsync();
        var filter = shape switch
        {
            "source" => new SuppressionFilter { Source = OptOutSource.ProviderError },
            "list" => new SuppressionFilter { List = new ListId("newsletter") },
            "account scope" => new SuppressionFilter { Scope = SuppressionScope.Account },
            "range" => new SuppressionFilter { SinceFrom = First.AddDays(100), SinceBefore = First.AddDays(107) },
            "source and range" => new SuppressionFilter { Source = OptOutSource.Import, SinceFrom = First.AddDays(100), SinceBefore = First.AddDays(107) },
            "number" => new SuppressionFilter { Number = PhoneNumber.FromValue(12_120_000_000UL + (7UL * 1_234)) },
            _ => SuppressionFilter.None,
        };
        var cursor = new SuppressionListCursor(First.AddDays(104), PhoneNumber.FromValue(12_125_000_000UL), "newsletter");

        var plan = await ExplainAsync(schema, filter, cursor);

        plan.Should().MatchRegex($"using {index} ", "the page reads {0}:\n{1}", index, plan).And.NotContain("Seq Scan");
        if (shape != "number")
        {
            plan.Should().StartWith("Limit").And.Contain("Index Scan Backward").And.NotContain("Sort", "the index gives the order:\n{0}", plan);
        }
    }

    private static string? s_schema;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>One schema of 200,000 suppressions (since over a year, a quarter each of four sources, one in a thousand from a provider, a tenth in a list), analysed.</summary>
    private async Task<string> SeededSchemaAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (s_schema is not null)
            {
                return s_schema;
            }

            var schema = "plan_" + Guid.NewGuid().ToString("N")[..8];
            await using (var store = fixture.CreateStore(schema))
            {
                await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync();
            }

            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            var step = TimeSpan.FromDays(365).Ticks / 200_000;
            await using var command = new NpgsqlCommand($"""
                INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id)
                SELECT 'acme', 12120000000 + i::bigint * 7, CASE WHEN i % 10 = 3 THEN 'newsletter' ELSE '' END,
                       to_timestamp(({First.UtcTicks} + i::bigint * {step} - 621355968000000000) / 10000000.0), CASE WHEN i % 1000 = 7 THEN 5 ELSE 1 + i % 4 END, 'e' || i
                FROM generate_series(0, 199999) AS i;
                ANALYZE {schema}.suppressions;
                """, connection);
            await command.ExecuteNonQueryAsync();
            return s_schema = schema;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<string> ExplainAsync(string schema, SuppressionFilter filter, SuppressionListCursor after)
    {
        var (sql, values) = PostgreSqlStorage.ListingSql(Acme, filter, after, 50);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql.Replace("{schema}", schema, StringComparison.Ordinal), connection);
        foreach (var value in values)
        {
            command.Parameters.Add(value is string text ? new NpgsqlParameter<string> { TypedValue = text, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0).Trim());
        }

        return string.Join("\n", lines);
    }
}
