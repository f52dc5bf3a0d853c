using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary><c>IStorageSchema</c> on PostgreSQL (what <c>smsoptout migrate</c> calls): creates a new schema once, then finds it current.</summary>
public sealed class PostgreSqlSchemaTests(PostgreSqlStorageFixture fixture) : IClassFixture<PostgreSqlStorageFixture>
{
    [SkippableFact]
    public async Task Migrating_a_new_schema_creates_it_and_migrating_again_changes_nothing()
    {
        await using var store = fixture.CreateStore("schema_" + Guid.NewGuid().ToString("N")[..8]);
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        var first = await schema.MigrateAsync();
        var second = await schema.MigrateAsync();

        first.Found.Should().Be(0);
        first.Current.Should().BeGreaterThan(0);
        first.Migrated.Should().BeTrue();
        second.Should().Be(new StorageSchemaVersion(first.Current, first.Current));
        second.Migrated.Should().BeFalse();
    }
}
