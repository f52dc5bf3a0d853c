using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Providers;

/// <summary>
/// The argument checks of <see cref="IReconciliationCheckpointStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class ReconciliationCheckpointArguments
{
    /// <summary>The longest reconciliation checkpoint a store keeps.</summary>
    public const int MaxCheckpointLength = 4_096;

    /// <summary>Checks the account and provider of a reconciliation checkpoint.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name: 1 to 64 lower-case letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    /// <exception cref="ArgumentException">The account is default or the provider's name is not one.</exception>
    public static void ValidateCheckpointKey(AccountId account, string provider)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (provider.Length > 64 || provider.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"The provider name '{(provider.Length > 64 ? provider[..64] + "…" : provider)}' is not 1 to 64 lower-case letters, digits, '-', '_' or '.'.", nameof(provider));
        }
    }

    /// <summary>Checks a reconciliation checkpoint before it is saved.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name.</param>
    /// <param name="checkpoint">The checkpoint text.</param>
    /// <exception cref="ArgumentException">See <see cref="ValidateCheckpointKey"/>; or the checkpoint is empty or longer than <see cref="MaxCheckpointLength"/>.</exception>
    public static void ValidateCheckpoint(AccountId account, string provider, string checkpoint)
    {
        ValidateCheckpointKey(account, provider);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint);
        if (checkpoint.Length > MaxCheckpointLength)
        {
            throw new ArgumentException($"The checkpoint is {checkpoint.Length} characters long; expected at most {MaxCheckpointLength}.", nameof(checkpoint));
        }
    }
}
