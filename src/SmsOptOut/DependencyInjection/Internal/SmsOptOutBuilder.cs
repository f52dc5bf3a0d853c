using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.DependencyInjection.Internal;

internal sealed class SmsOptOutBuilder(IServiceCollection services) : ISmsOptOutBuilder
{
    public IServiceCollection Services { get; } = services;
}
