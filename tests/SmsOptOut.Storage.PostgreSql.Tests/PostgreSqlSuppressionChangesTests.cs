using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>
/// The suppression change log behind the snapshots (migrations 19 and 21): the apply batch records its own changes at
/// the counter it moved, once per transaction, and trims what is 10,000 counts behind; any other write to the suppressions
/// still moves the counter and records its change through the statement triggers.
/// </summary>
public sealed class PostgreSqlSuppressionChangesTests(PostgreSqlStorageFixture fixture) : IClassFixture<PostgreSqlStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [SkippableFact]
    public async Task A_batch_records_each_change_at_the_one_count_it_moved_and_trims_the_changes_10000_counts_behind()
    {
        var schema = "changes_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(schema);
        var at = DateTimeOffset.UtcNow;
        await store.Suppression.ApplyBatchAsync([Write(Events.OptOut(Acme, TestNumbers.Us(1), at))]);
        var before = await VersionAsync(schema);
        await ExecuteAsync(schema, $"INSERT INTO {schema}.suppression_changes VALUES ('acme', {before + 1 - 10_000}, false, 7), ('acme', {before + 1 - 9_999}, false, 8);");

        var statuses = await store.Suppression.ApplyBatchAsync(
        [
            Write(Events.OptOut(Acme, TestNumbers.Us(2), at)),
            Write(Events.OptOut(Acme, TestNumbers.Us(3), at, new ListId("promos"))),
            Write(Events.OptOut(Acme, TestNumbers.Us(2), at)),
            Write(Events.OptIn(Acme, TestNumbers.Us(1), at)),
        ]);

        statuses.Should().Equal(ConsentApplyStatus.Applied, ConsentApplyStatus.Applied, ConsentApplyStatus.AlreadyInState, ConsentApplyStatus.Applied);
        (await VersionAsync(schema)).Should().Be(before + 1, "one transaction moves the counter once");
        (await ChangesAsync(schema, before + 1)).Should().Equal(
            [(long)TestNumbers.Us(1).Value, (long)TestNumbers.Us(2).Value, (long)TestNumbers.Us(3).Value], "each value changed, once; the repeat changed nothing");
        (await ChangesAsync(schema, before + 1 - 10_000)).Should().BeEmpty("the change 10,000 counts behind is trimmed by the batch");
        (await ChangesAsync(schema, before + 1 - 9_999)).Should().Equal([8L], "a change 9,999 counts behind is kept");
    }

    [SkippableFact]
    public async Task A_write_outside_the_batch_still_moves_the_counter_and_records_its_change()
    {
        var schema = "changes_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(schema);
        await store.Suppression.ApplyBatchAsync([Write(Events.OptOut(Acme, TestNumbers.Us(1), DateTimeOffset.UtcNow))]);
        var before = await VersionAsync(schema);

        await ExecuteAsync(schema, $"DELETE FROM {schema}.suppressions WHERE account = 'acme';");

        (await VersionAsync(schema)).Should().Be(before + 1);
        (await ChangesAsync(schema, before + 1)).Should().Equal([(long)TestNumbers.Us(1).Value], "the statement trigger recorded it: the batch's setting ended with its transaction");
    }

    private static ConsentWrite Write(ConsentEvent consentEvent) => new(consentEvent, []);

    private async Task<long> VersionAsync(string schema)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT version FROM {schema}.suppression_versions WHERE account = 'acme';", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ChangesAsync(string schema, long version)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT value FROM {schema}.suppression_changes WHERE account = 'acme' AND version = {version} AND NOT erased ORDER BY value;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private async Task ExecuteAsync(string schema, string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
