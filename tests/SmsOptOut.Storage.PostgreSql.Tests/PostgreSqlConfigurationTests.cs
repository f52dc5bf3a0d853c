using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Storage.PostgreSql;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary><c>UsePostgreSql(configuration)</c> binds the adapter's text options; the data source stays the host's object.</summary>
public sealed class PostgreSqlConfigurationTests
{
    [Fact]
    public void UsePostgreSql_binds_the_connection_string_and_schema_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PostgreSql:ConnectionString"] = "Host=db.example;Database=app;Username=app",
            ["PostgreSql:Schema"] = "consent",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UsePostgreSql(configuration.GetSection("PostgreSql"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value;

        options.ConnectionString.Should().Be("Host=db.example;Database=app;Username=app");
        options.Schema.Should().Be("consent");
    }

    [Fact]
    public void A_section_without_a_connection_string_fails_validation_naming_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UsePostgreSql(new ConfigurationBuilder().Build().GetSection("PostgreSql"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*ConnectionString is empty and no DataSource is set*");
    }

    [Fact]
    public void A_schema_name_longer_than_postgresql_allows_is_named_with_the_fix()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UsePostgreSql(o =>
        {
            o.ConnectionString = "Host=db.example";
            o.Schema = new string('s', 64);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Contain("PostgreSqlStorageOptions.Schema").And.Contain("1 to 63 characters");
    }
}
