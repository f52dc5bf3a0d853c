using SmsOptOut.Consent;

namespace SmsOptOut.Accounts;

/// <summary>An account's settings as SmsOptOut uses them: the global options with the account's overrides applied.</summary>
/// <param name="Account">The account.</param>
/// <param name="IsConfigured">Whether the account has settings of its own (it is a known account).</param>
/// <param name="DisplayName">Its name for people, or <see langword="null"/> when it has none (then its sender name, else its id, is shown).</param>
/// <param name="Options">The merged options; treat them as immutable (they are shared until the cache entry expires).</param>
public sealed record ResolvedAccountSettings(AccountId Account, bool IsConfigured, string? DisplayName, SmsOptOutOptions Options)
{
    /// <summary>How the account's pages look (<see cref="AccountSettings.Brand"/> with its configuration applied, checked); <see langword="null"/> for the plain page.</summary>
    public AccountBrand? Brand { get; init; }

    /// <summary>The language of the account's pages when the visitor asks for none they may be shown in (<see cref="AccountSettings.Language"/>); <see langword="null"/> for the deployment's default.</summary>
    public string? Language { get; init; }

    /// <summary>The languages the account's pages may be shown in (<see cref="AccountSettings.Languages"/>); empty for any.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
}
