using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Storage;

namespace SmsOptOut.Tests.Fakes;

/// <summary>A custom storage that implements only the required storage contracts (in memory), none of the optional ones.</summary>
internal static class RequiredStoresOnly
{
    public static void Register(IServiceCollection s)
    {
        foreach (var contract in StorageContracts.All.Where(c => c.IsRequired))
        {
            var implementation = contract.InMemoryType!;
            s.TryAddSingleton(implementation);
            s.AddSingleton(contract.ServiceType, sp => sp.GetRequiredService(implementation));
        }
    }
}
