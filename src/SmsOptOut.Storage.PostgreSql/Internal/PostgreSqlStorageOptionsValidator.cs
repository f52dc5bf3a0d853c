using Microsoft.Extensions.Options;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStorageOptions"/> at startup: one message per property, naming the fix.</summary>
internal sealed class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStorageOptions options)
    {
        var failures = new List<string>();
        if (options.DataSource is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgreSqlStorageOptions.ConnectionString is empty and no DataSource is set; expected for example 'Host=db;Database=app;Username=app;Password=…', or an NpgsqlDataSource.");
        }

        if (string.IsNullOrWhiteSpace(options.Schema) || options.Schema.Length > 63)
        {
            failures.Add($"PostgreSqlStorageOptions.Schema '{options.Schema}' must be 1 to 63 characters (PostgreSQL's identifier limit), such as 'smsoptout'.");
        }

        if (options.MaxCachedRegistryNumbers < 0)
        {
            failures.Add($"PostgreSqlStorageOptions.MaxCachedRegistryNumbers {options.MaxCachedRegistryNumbers} must be 0 (probe the database) or more.");
        }

        if (options.MaxSnapshotNumbers < 0)
        {
            failures.Add($"PostgreSqlStorageOptions.MaxSnapshotNumbers {options.MaxSnapshotNumbers} must be 0 (hold no suppression snapshot) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
