namespace SmsOptOut.Providers;

/// <summary>The times of the opt-outs one reconciliation run reads.</summary>
/// <param name="Since">The earliest, or <see langword="null"/> for everything the provider holds (the first run).</param>
/// <param name="Until">The latest: when the run started.</param>
public sealed record ProviderOptOutWindow(DateTimeOffset? Since, DateTimeOffset Until);
