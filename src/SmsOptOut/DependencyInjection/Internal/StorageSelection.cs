using Microsoft.Extensions.Options;

namespace SmsOptOut.DependencyInjection.Internal;

/// <summary>Which storage adapter the host chose; validated at startup so a missing choice fails loudly.</summary>
internal sealed class StorageSelection
{
    public const string NoStorageMessage =
        "SmsOptOut has no storage. Call UseSqlite(...), UsePostgreSql(...), UseRedis(...) or UseInMemory() on the builder " +
        "returned by services.AddSmsOptOut(). SmsOptOut never falls back to memory on its own: a lost opt-out is a compliance breach.";


    public string? Name { get; set; }

    public static InvalidOperationException NoStorage() => new(NoStorageMessage);

    internal sealed class Validator : IValidateOptions<StorageSelection>
    {
        public ValidateOptionsResult Validate(string? name, StorageSelection options) =>
            options.Name is null ? ValidateOptionsResult.Fail(NoStorageMessage) : ValidateOptionsResult.Success;
    }
}
