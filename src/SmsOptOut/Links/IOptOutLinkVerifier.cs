namespace SmsOptOut.Links;

/// <summary>Resolves an opt-out link token back to who it belongs to.</summary>
public interface IOptOutLinkVerifier
{
    /// <summary>
    /// Resolves <paramref name="token"/>. Unknown, expired, malformed and tampered tokens all resolve to
    /// <see langword="null"/>, with no detail, so a caller cannot tell them apart.
    /// </summary>
    /// <param name="token">The token from the URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The target, or <see langword="null"/>.</returns>
    Task<OptOutLinkTarget?> VerifyAsync(string? token, CancellationToken cancellationToken = default);
}
