using SmsOptOut.Consent;

namespace SmsOptOut.Accounts;

/// <summary>An account's settings as SmsOptOut uses them: the global options with the account's overrides applied.</summary>
/// <param name="Account">The account.</param>
/// <param name="IsConfigured">Whether the account has settings of its own (it is a known account).</param>
/// <param name="DisplayName">Its name for people, or <see langword="null"/> when it has none (then its sender name, else its id, is shown).</param>
/// <param name="Options">The merged options; treat them as immutable (they are shared until the cache entry expires).</param>
public sealed record ResolvedAccountSettings(AccountId Account, bool IsConfigured, string? DisplayName, SmsOptOutOptions Options);
