using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Storage.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary><c>UseRedis(configuration)</c> binds the adapter's text options; the connection stays the host's object.</summary>
public sealed class RedisConfigurationTests
{
    [Fact]
    public void UseRedis_binds_the_configuration_key_prefix_database_and_replica_acknowledgements()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "redis.example:6380,ssl=true",
            ["Redis:KeyPrefix"] = "consent",
            ["Redis:Database"] = "3",
            ["Redis:ReplicaAcknowledgements"] = "1",
            ["Redis:ReplicaAcknowledgementTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseRedis(configuration.GetSection("Redis"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RedisStorageOptions>>().Value;

        options.Configuration.Should().Be("redis.example:6380,ssl=true");
        options.KeyPrefix.Should().Be("consent");
        options.Database.Should().Be(3);
        (options.ReplicaAcknowledgements, options.ReplicaAcknowledgementTimeout).Should().Be((1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_database_that_is_not_a_number_fails_naming_its_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "localhost", ["Redis:Database"] = "three",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseRedis(configuration.GetSection("Redis"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<RedisStorageOptions>>().Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*Redis:Database*");
    }

    [Fact]
    public void Every_bad_setting_is_named_with_one_message_each()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseRedis(o =>
        {
            o.KeyPrefix = "{tenant}";
            o.Database = -2;
            o.ReplicaAcknowledgements = -1;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<RedisStorageOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().SatisfyRespectively(
            f => f.Should().StartWith("RedisStorageOptions.Configuration is empty and no Connection is set"),
            f => f.Should().StartWith("RedisStorageOptions.KeyPrefix '{tenant}' must be non-empty and contain no braces"),
            f => f.Should().StartWith("RedisStorageOptions.Database -2"),
            f => f.Should().StartWith("RedisStorageOptions.ReplicaAcknowledgements -1 must be 0"));
    }
}
