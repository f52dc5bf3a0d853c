using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.DependencyInjection.Internal;

/// <summary>
/// A constructor dependency that is resolved on first use. Background services take their stores this way: the host
/// resolves hosted services before it runs the startup validation, and a host without storage must fail with the
/// validation's message naming the <c>Use…</c> methods, not with a resolution error.
/// </summary>
/// <typeparam name="T">The service.</typeparam>
internal sealed class Deferred<T>(IServiceProvider services)
    where T : notnull
{
    private T? _value;

    /// <summary>The service, resolved the first time it is asked for.</summary>
    public T Value => _value ??= services.GetRequiredService<T>();
}
