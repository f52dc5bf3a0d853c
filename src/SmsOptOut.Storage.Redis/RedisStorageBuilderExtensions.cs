using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOptOut.Storage.Redis;
using SmsOptOut.Storage.Redis.Internal;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses Redis as SmsOptOut's storage.</summary>
public static class RedisStorageBuilderExtensions
{
    /// <summary>Keeps everything in Redis, connecting with a StackExchange.Redis configuration string.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">For example <c>localhost:6379</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseRedis(this ISmsOptOutBuilder builder, string configuration) =>
        builder.UseRedis(o => o.Configuration = configuration);

    /// <summary>Keeps everything in Redis through a multiplexer the host connected and owns.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="connection">The multiplexer.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseRedis(this ISmsOptOutBuilder builder, IConnectionMultiplexer connection) =>
        builder.UseRedis(o => o.Connection = connection);

    /// <summary>Keeps everything in Redis, with options bound from configuration: <c>Configuration</c>, <c>KeyPrefix</c>, <c>Database</c>, <c>ReplicaAcknowledgements</c> and <c>ReplicaAcknowledgementTimeout</c>.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Redis")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseRedis(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseRedis(o =>
        {
            // The connection is an object the host builds; only the text options come from configuration.
            o.Configuration = configuration["Configuration"] ?? o.Configuration;
            o.KeyPrefix = configuration["KeyPrefix"] ?? o.KeyPrefix;
            o.Database = configuration.GetValue("Database", o.Database);
            o.ReplicaAcknowledgements = configuration.GetValue("ReplicaAcknowledgements", o.ReplicaAcknowledgements);
            o.ReplicaAcknowledgementTimeout = configuration.GetValue("ReplicaAcknowledgementTimeout", o.ReplicaAcknowledgementTimeout);
        });
    }

    /// <summary>Keeps everything in Redis, with options (key prefix, database, connection).</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the connection and the key prefix.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseRedis(this ISmsOptOutBuilder builder, Action<RedisStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStorage("Redis", services =>
        {
            services.AddOptionsWithValidateOnStart<RedisStorageOptions>()
                .Configure(configure);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStorageOptions>, RedisStorageOptionsValidator>());
            services.AddSmsOptOutStorage<RedisStorage>();
        });
    }
}
