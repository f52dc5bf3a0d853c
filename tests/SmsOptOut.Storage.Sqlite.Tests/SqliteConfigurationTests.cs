using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary><c>UseSqlite(configuration)</c> binds the adapter's options from appsettings or environment variables.</summary>
public sealed class SqliteConfigurationTests
{
    [Fact]
    public async Task UseSqlite_binds_its_options_from_configuration_and_the_store_works()
    {
        var file = Path.Combine(Path.GetTempPath(), $"smsoptout-config-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Sqlite:ConnectionString"] = $"Data Source={file}",
            ["SmsOptOut:Sqlite:Synchronous"] = "Normal",
            ["SmsOptOut:Sqlite:BusyTimeout"] = "00:00:05",
            ["SmsOptOut:Sqlite:CacheSizeMegabytes"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseSqlite(configuration.GetSection("SmsOptOut:Sqlite"));
        try
        {
            await using (var provider = services.BuildServiceProvider())
            {
                var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
                options.Synchronous.Should().Be(SqliteSynchronous.Normal);
                options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(5));
                options.CacheSizeMegabytes.Should().Be(8);

                var number = PhoneNumber.Parse("+4917612345678");
                await provider.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(new AccountId("acme"), number, OptOutSource.Api));
                (await provider.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), number)).Should().BeTrue();
            }

            File.Exists(file).Should().BeTrue("the configured connection string chose the file");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [Fact]
    public void Every_bad_setting_is_named_with_one_message_each()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite(" ", o =>
        {
            o.Synchronous = (SqliteSynchronous)7;
            o.BusyTimeout = TimeSpan.Zero;
            o.CacheSizeMegabytes = 0;
            o.MemoryMapMegabytes = -1;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().SatisfyRespectively(
            f => f.Should().StartWith("SqliteStorageOptions.ConnectionString is empty"),
            f => f.Should().StartWith("SqliteStorageOptions.Synchronous 7 is not Normal or Full"),
            f => f.Should().StartWith("SqliteStorageOptions.BusyTimeout 00:00:00 must be positive"),
            f => f.Should().StartWith("SqliteStorageOptions.CacheSizeMegabytes 0 must be at least 1"),
            f => f.Should().StartWith("SqliteStorageOptions.MemoryMapMegabytes -1"));
    }
}
