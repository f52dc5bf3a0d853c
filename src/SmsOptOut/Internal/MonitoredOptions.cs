using Microsoft.Extensions.Options;

namespace SmsOptOut.Internal;

/// <summary>
/// <see cref="IOptions{TOptions}"/> of <see cref="SmsOptOutOptions"/> served from the
/// <see cref="IOptionsMonitor{TOptions}"/> cache: the first value the monitor holds, kept for the life of the container
/// as <see cref="IOptions{TOptions}"/> always is.
/// </summary>
/// <remarks>
/// The framework's own <see cref="IOptions{TOptions}"/> has a cache of its own, so it created, configured and validated
/// a second instance besides the one <c>ValidateOnStart</c> validated through the monitor: the validator ran twice at
/// start-up and each warning it logs was printed twice. Reading the monitor's instance makes it one instance, one
/// validation.
/// </remarks>
internal sealed class MonitoredOptions(IOptionsMonitor<SmsOptOutOptions> monitor) : IOptions<SmsOptOutOptions>
{
    private SmsOptOutOptions? _value;

    /// <inheritdoc/>
    public SmsOptOutOptions Value => _value ??= monitor.CurrentValue;
}
