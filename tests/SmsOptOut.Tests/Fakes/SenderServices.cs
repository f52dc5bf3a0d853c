using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Fakes;

/// <summary>The services of a sender test: in-memory storage, links under https://opt.example/u/, the given transport.</summary>
internal static class SenderServices
{
    public static ServiceProvider Build(ISmsTransport transport, Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        more?.Invoke(services);
        services.AddSingleton(transport);
        services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            configure(o);
        }).UseInMemory();
        return services.BuildServiceProvider();
    }
}
