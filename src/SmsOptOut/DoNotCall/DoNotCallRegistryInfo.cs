using SmsOptOut.Consent;

namespace SmsOptOut.DoNotCall;

/// <summary>One imported Do-Not-Call registry set.</summary>
/// <param name="Account">The account it applies to, or <see langword="null"/> for every account.</param>
/// <param name="DataDate">The date of the data (the registry download's date), for the 31-day safe harbour.</param>
/// <param name="ImportedAt">When it was imported.</param>
/// <param name="Count">The distinct numbers it holds.</param>
public sealed record DoNotCallRegistryInfo(AccountId? Account, DateOnly DataDate, DateTimeOffset ImportedAt, long Count);
