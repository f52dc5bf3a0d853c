using Microsoft.Extensions.Options;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Checks <see cref="SqliteStorageOptions"/> at startup: one message per property, naming the fix.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("SqliteStorageOptions.ConnectionString is empty; expected for example 'Data Source=optout.db'.");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"SqliteStorageOptions.Synchronous {(int)options.Synchronous} is not Normal or Full.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"SqliteStorageOptions.BusyTimeout {options.BusyTimeout} must be positive, such as 30 seconds.");
        }

        if (options.CacheSizeMegabytes < 1)
        {
            failures.Add($"SqliteStorageOptions.CacheSizeMegabytes {options.CacheSizeMegabytes} must be at least 1.");
        }

        if (options.MemoryMapMegabytes < 0)
        {
            failures.Add($"SqliteStorageOptions.MemoryMapMegabytes {options.MemoryMapMegabytes} must be 0 (no memory map) or more.");
        }

        if (options.MaxCachedRegistryNumbers < 0)
        {
            failures.Add($"SqliteStorageOptions.MaxCachedRegistryNumbers {options.MaxCachedRegistryNumbers} must be 0 (probe the database) or more.");
        }

        if (options.MaxSnapshotNumbers < 0)
        {
            failures.Add($"SqliteStorageOptions.MaxSnapshotNumbers {options.MaxSnapshotNumbers} must be 0 (hold no suppression snapshot) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
