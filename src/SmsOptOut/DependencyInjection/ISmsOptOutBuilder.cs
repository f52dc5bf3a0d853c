namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddSmsOptOut()</c>: storage adapters (<c>UseInMemory()</c>, <c>UseSqlite(…)</c>, <c>UsePostgreSql(…)</c>,
/// <c>UseRedis(…)</c>) and transports extend it.
/// </summary>
public interface ISmsOptOutBuilder
{
    /// <summary>The service collection SmsOptOut is registered in.</summary>
    IServiceCollection Services { get; }
}
