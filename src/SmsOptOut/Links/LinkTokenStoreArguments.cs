using SmsOptOut.Storage;

namespace SmsOptOut.Links;

/// <summary>
/// The argument checks of <see cref="IOptOutLinkTokenStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class LinkTokenStoreArguments
{
    /// <summary>The longest stored-mode token a store must accept.</summary>
    public const int MaxStoredTokenLength = 32;

    /// <summary>Checks a batch of stored link tokens before they are added.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <exception cref="ArgumentException">A token is empty, too long or not base62, or its target lacks an account, list or number.</exception>
    public static void Validate(IReadOnlyList<StoredLinkToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var token in tokens)
        {
            if (token is null || string.IsNullOrEmpty(token.Token) || token.Token.Length > MaxStoredTokenLength
                || !Links.Internal.Base62.IsBase62(token.Token))
            {
                throw new ArgumentException(
                    $"Every stored link token must be 1 to {MaxStoredTokenLength} base62 characters; got '{token?.Token}'.", nameof(tokens));
            }

            StoreArguments.ValidateAccount(token.Target.Account);
            if (token.Target.List.Value is null || token.Target.Number.IsEmpty)
            {
                throw new ArgumentException($"The stored link token '{token.Token}' needs a list and a number in its target.", nameof(tokens));
            }
        }
    }
}
