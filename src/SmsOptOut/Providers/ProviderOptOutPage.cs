namespace SmsOptOut.Providers;

/// <summary>One page of a provider's list of opt-outs.</summary>
/// <param name="OptOuts">The opt-outs on the page.</param>
/// <param name="NextPageToken">What reads the next page, or <see langword="null"/> on the last.</param>
public sealed record ProviderOptOutPage(IReadOnlyList<ProviderOptOut> OptOuts, string? NextPageToken);
