using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;

namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>Shortcuts for the host's services.</summary>
public static class ServiceProviderExtensions
{
    /// <summary>The one opt-out service.</summary>
    public static IOptOutService GetRequiredOptOutService(this IServiceProvider services) => services.GetRequiredService<IOptOutService>();
}
