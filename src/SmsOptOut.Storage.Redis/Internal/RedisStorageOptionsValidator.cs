using Microsoft.Extensions.Options;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>Checks <see cref="RedisStorageOptions"/> at startup: one message per property, naming the fix.</summary>
internal sealed class RedisStorageOptionsValidator : IValidateOptions<RedisStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisStorageOptions options)
    {
        var failures = new List<string>();
        if (options.Connection is null && string.IsNullOrWhiteSpace(options.Configuration))
        {
            failures.Add("RedisStorageOptions.Configuration is empty and no Connection is set; expected for example 'localhost:6379', or an IConnectionMultiplexer.");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Contains('{', StringComparison.Ordinal) || options.KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            failures.Add($"RedisStorageOptions.KeyPrefix '{options.KeyPrefix}' must be non-empty and contain no braces (it becomes the keys' hash tag), such as 'smsoptout'.");
        }

        if (options.Database < -1)
        {
            failures.Add($"RedisStorageOptions.Database {options.Database} must be -1 (the connection's default) or a database number.");
        }

        if (options.ReplicaAcknowledgements < 0)
        {
            failures.Add($"RedisStorageOptions.ReplicaAcknowledgements {options.ReplicaAcknowledgements} must be 0 (the master's acknowledgement) or a number of replicas.");
        }

        if (options.ReplicaAcknowledgements > 0 && options.ReplicaAcknowledgementTimeout <= TimeSpan.Zero)
        {
            failures.Add($"RedisStorageOptions.ReplicaAcknowledgementTimeout {options.ReplicaAcknowledgementTimeout} must be positive, such as 00:00:02.");
        }

        if (options.MaxCachedRegistryNumbers < 0)
        {
            failures.Add($"RedisStorageOptions.MaxCachedRegistryNumbers {options.MaxCachedRegistryNumbers} must be 0 (probe Redis) or more.");
        }

        if (options.MaxSnapshotNumbers < 0)
        {
            failures.Add($"RedisStorageOptions.MaxSnapshotNumbers {options.MaxSnapshotNumbers} must be 0 (hold no suppression snapshot) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
