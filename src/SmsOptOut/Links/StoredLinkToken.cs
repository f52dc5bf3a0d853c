namespace SmsOptOut.Links;

/// <summary>A stored-mode token and what it resolves to, as kept by <see cref="IOptOutLinkTokenStore"/>.</summary>
/// <param name="Token">The base62 token.</param>
/// <param name="Target">Who the link belongs to.</param>
/// <param name="ExpiresAt">After this instant the token resolves as unknown and may be deleted.</param>
public sealed record StoredLinkToken(string Token, OptOutLinkTarget Target, DateTimeOffset ExpiresAt);
