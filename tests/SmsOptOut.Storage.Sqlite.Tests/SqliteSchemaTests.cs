using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary><c>IStorageSchema</c> on SQLite, and what choosing another storage afterwards does to it.</summary>
public sealed class SqliteSchemaTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Migrating_a_new_file_creates_the_schema_and_migrating_again_changes_nothing()
    {
        await using var store = fixture.CreateStore("schema_" + Guid.NewGuid().ToString("N")[..8]);
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        var first = await schema.MigrateAsync();
        var second = await schema.MigrateAsync();

        first.Should().Be(new StorageSchemaVersion(0, first.Current));
        first.Current.Should().BeGreaterThan(0);
        second.Should().Be(new StorageSchemaVersion(first.Current, first.Current));
    }

    [Fact]
    public void A_storage_chosen_after_SQLite_takes_its_schema_service_away()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite("Data Source=unused.db").UseInMemory();
        using var provider = services.BuildServiceProvider();

        provider.GetService<IStorageSchema>().Should().BeNull("the last storage chosen replaces every storage service, the optional ones too");
    }
}
