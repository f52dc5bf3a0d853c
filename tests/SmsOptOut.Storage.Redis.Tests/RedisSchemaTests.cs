using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>Redis keeps no versioned schema, so it offers no <c>IStorageSchema</c> (and <c>smsoptout migrate</c> only checks that it answers).</summary>
public sealed class RedisSchemaTests
{
    [Fact]
    public void Redis_storage_registers_no_schema_to_migrate()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseRedis("127.0.0.1:1");
        using var provider = services.BuildServiceProvider();

        provider.GetService<IStorageSchema>().Should().BeNull();
    }
}
