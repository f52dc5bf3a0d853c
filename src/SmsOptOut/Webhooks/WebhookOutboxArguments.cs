namespace SmsOptOut.Webhooks;

/// <summary>
/// The argument checks of <see cref="IWebhookOutboxStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class WebhookOutboxArguments
{
    /// <summary>The most messages one claim may take.</summary>
    public const int MaxClaim = 1_000;

    /// <summary>Checks the arguments of an outbox claim.</summary>
    /// <param name="owner">The claiming dispatcher.</param>
    /// <param name="lease">The lease duration.</param>
    /// <param name="limit">The most messages to claim.</param>
    /// <exception cref="ArgumentException">The owner is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive or the limit is outside 1 to <see cref="MaxClaim"/>.</exception>
    public static void ValidateClaim(string owner, TimeSpan lease, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (limit is < 1 or > MaxClaim)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Expected 1 to {MaxClaim} messages per claim.");
        }
    }

    /// <summary>Checks a delivery attempt before it is recorded.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <exception cref="ArgumentException">The attempt names no message or owner, has fewer than one attempt, or goes back to no state.</exception>
    public static void Validate(OutboxAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (string.IsNullOrEmpty(attempt.MessageId) || string.IsNullOrEmpty(attempt.LeaseOwner) || attempt.Attempts < 1 || !Enum.IsDefined(attempt.State))
        {
            throw new ArgumentException("An outbox attempt needs a message id, its lease owner, a state and at least one attempt.", nameof(attempt));
        }
    }
}
