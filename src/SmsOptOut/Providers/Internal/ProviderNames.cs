namespace SmsOptOut.Providers.Internal;

/// <summary>The names of the registered providers, known at registration (for start-up validation, before any provider is built).</summary>
internal sealed class ProviderNames
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
